package io.calcommcp.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database, the default. */
class H2StoreTest extends StoreContract {

    @TempDir
    Path dataDir;

    @Override
    StoreLocation newDatabase() {
        return StoreLocation.embedded(dataDir);
    }
}

package io.calcommcp.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.calcommcp.server.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth store contract on a real PostgreSQL server, and the migration that adds it, once. */
class PostgresOAuthStoreTest extends OAuthStoreContract {

    @TempDir
    Path dataDir;

    @Override
    StoreLocation newDatabase() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        return StoreLocation.jdbc(postgres.createDatabase(), Optional.of(postgres.user()), Optional.empty(), dataDir);
    }

    @Test
    void everyMigrationRanOnce() throws Exception {
        assertEquals(List.of("1x1", "2x1", "3x1"), PostgresServer.shared().appliedMigrations(location.jdbcUrl()));
    }
}

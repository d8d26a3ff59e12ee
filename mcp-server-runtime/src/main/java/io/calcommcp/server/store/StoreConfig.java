package io.calcommcp.server.store;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Which store to open and with which key, as the configuration says.
 *
 * @param location where the database is
 * @param key where the encryption key comes from
 */
public record StoreConfig(StoreLocation location, EncryptionKey key) {

    public StoreConfig {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(key, "key");
    }

    /**
     * Whether there is no store here yet: an embedded database whose file does not exist. A JDBC
     * database may hold one already; only opening it can tell.
     */
    public boolean isNew() {
        return location.embedded() && !location.embeddedFileExists();
    }

    /**
     * Checks what can be checked of a store before it is created: that its data directory exists
     * or can be made, and is writable, and that a key given by the environment or a file can be
     * read. (Creating the database later can still fail, on a full disk for example.)
     *
     * @throws StoreException what is wrong and how to fix it
     */
    public void checkCreatable() throws StoreException {
        Store.createDataDirectory(location);
        key.check(location);
    }

    /** Opens the store; see {@link Store#open}. */
    public Store open(Clock clock) throws StoreException {
        return Store.open(location, key, clock);
    }

    /** Opens the store with the connection pool's meters in {@code meterRegistry}. */
    public Store open(Clock clock, Object meterRegistry) throws StoreException {
        return Store.open(location, key, clock, Optional.of(meterRegistry));
    }
}

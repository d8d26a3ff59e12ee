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

    /** Opens the store; see {@link Store#open}. */
    public Store open(Clock clock) throws StoreException {
        return Store.open(location, key, clock);
    }

    /** Opens the store with the connection pool's meters in {@code meterRegistry}. */
    public Store open(Clock clock, Object meterRegistry) throws StoreException {
        return Store.open(location, key, clock, Optional.of(meterRegistry));
    }
}

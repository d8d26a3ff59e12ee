package io.calcommcp.server.oauth;

import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Deletes what can never be used again (consents whose code was never exchanged, grants whose
 * every token expired, and so the keys they hold), at most every {@link #INTERVAL} per process,
 * on the request that finds it due. Every replica may do it; doing it twice deletes nothing more.
 */
final class GrantPruning {

    static final Duration INTERVAL = Duration.ofMinutes(10);

    /** How long after a consent its grant is kept without its code being exchanged. */
    static final Duration UNUSED_GRACE = OAuthSettings.CODE_LIFETIME.plusMinutes(5);

    private final Supplier<Store> stores;
    private final Clock clock;
    private final StructuredLog log;
    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);

    GrantPruning(Supplier<Store> stores, Clock clock, StructuredLog log) {
        this.stores = stores;
        this.clock = clock;
        this.log = log;
    }

    /** Prunes if the interval has passed since this process last did. */
    void maybePrune() {
        Instant now = clock.instant();
        Instant previous = last.get();
        if (now.isBefore(previous.plus(INTERVAL)) || !last.compareAndSet(previous, now)) {
            return;
        }
        try {
            int deleted = stores.get().oauthGrants().prune(now.minus(UNUSED_GRACE));
            if (deleted > 0) {
                log.info("oauth_grants_pruned", f -> f.put("grants", deleted));
            }
        } catch (StoreUnavailableException e) {
            last.set(previous); // try again on the next request
        }
    }
}

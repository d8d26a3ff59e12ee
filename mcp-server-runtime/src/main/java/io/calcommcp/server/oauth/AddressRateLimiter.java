package io.calcommcp.server.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed one-minute window of requests per client address, in this process. Bounded: at most
 * {@code maxAddresses} windows are held; when that many are open, ended ones are dropped, and an
 * address that still finds no room is told to wait like one over its limit.
 */
final class AddressRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private record Window(Instant start, int count) {}

    private final int perMinute;
    private final int maxAddresses;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    AddressRateLimiter(int perMinute, int maxAddresses, Clock clock) {
        this.perMinute = perMinute;
        this.maxAddresses = maxAddresses;
        this.clock = clock;
    }

    /**
     * Counts a request from {@code address}.
     *
     * @return empty if it may go ahead; otherwise the seconds until it may try again
     */
    OptionalLong acquire(String address) {
        Instant now = clock.instant();
        if (!windows.containsKey(address) && windows.size() >= maxAddresses) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(WINDOW)));
            if (windows.size() >= maxAddresses) {
                return OptionalLong.of(WINDOW.toSeconds());
            }
        }
        Window window = windows.compute(address, (key, current) -> {
            if (current == null || !now.isBefore(current.start().plus(WINDOW))) {
                return new Window(now, 1);
            }
            return new Window(current.start(), current.count() + 1);
        });
        if (window.count() <= perMinute) {
            return OptionalLong.empty();
        }
        long waitMillis = Duration.between(now, window.start().plus(WINDOW)).toMillis();
        return OptionalLong.of(Math.max(1, (waitMillis + 999) / 1000));
    }
}

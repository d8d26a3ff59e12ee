package io.calcommcp.server.engine;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Decides whether a checked call may go to the API now: at most so many calls run at once in this
 * process, and each URL makes at most its {@link CallContext#maxCallsPerMinute} calls in any 60
 * seconds. A call over either bound is refused at once rather than queued: a queue would hold a
 * request thread per waiting call, and the caller learns more from "try again in 12 s" than from
 * a call that hangs.
 *
 * <p>Counts live in this process: with several replicas, each counts its own calls.
 */
public final class CallAdmission {

    private static final long WINDOW_MILLIS = 60_000;

    /** Past this many URLs tracked, windows without a call in the last minute are dropped. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int maxConcurrentCalls;
    private final Semaphore running;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param maxConcurrentCalls calls that may run at once
     * @param clock the time, for the per-minute windows
     */
    public CallAdmission(int maxConcurrentCalls, Clock clock) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.running = new Semaphore(maxConcurrentCalls);
        this.clock = clock;
    }

    /** Why a call was not admitted, and when the same call may succeed. */
    public record Refusal(Reason reason, int limit, long retryAfterSeconds) {}

    public enum Reason {
        /** The process runs its limit of calls at once. */
        BUSY,
        /** The URL made its limit of calls in the last minute. */
        CALLS_PER_MINUTE
    }

    /**
     * Admits the call or says why not. An admitted call holds a slot until {@link #release}, which
     * the caller must call exactly once.
     */
    public Optional<Refusal> admit(CallContext context) {
        if (!running.tryAcquire()) {
            return Optional.of(new Refusal(Reason.BUSY, maxConcurrentCalls, 1));
        }
        int limit = context.maxCallsPerMinute();
        if (limit == 0) {
            return Optional.empty();
        }
        String key = context.account().id() + "/" + context.mcpServerId().orElse("");
        if (windows.size() > SWEEP_ABOVE) {
            sweep();
        }
        long retryAfterMillis = windows.computeIfAbsent(key, k -> new Window()).tryAdd(clock.millis(), limit);
        if (retryAfterMillis > 0) {
            running.release();
            return Optional.of(new Refusal(Reason.CALLS_PER_MINUTE, limit, (retryAfterMillis + 999) / 1000));
        }
        return Optional.empty();
    }

    /** Frees the slot of an admitted call. */
    public void release() {
        running.release();
    }

    private void sweep() {
        long now = clock.millis();
        windows.values().removeIf(window -> window.idleSince(now));
    }

    /** The times of a URL's calls in the last minute, oldest first. */
    private static final class Window {

        private final ArrayDeque<Long> calls = new ArrayDeque<>();

        /** Records a call at {@code now} and returns 0, or returns how long until one would fit. */
        synchronized long tryAdd(long now, int limit) {
            while (!calls.isEmpty() && calls.peekFirst() <= now - WINDOW_MILLIS) {
                calls.pollFirst();
            }
            if (calls.size() < limit) {
                calls.addLast(now);
                return 0;
            }
            // A lowered limit can leave more calls than it allows: the wait is until enough expire.
            Iterator<Long> oldest = calls.iterator();
            long expiring = oldest.next();
            for (int skip = calls.size() - limit; skip > 0; skip--) {
                expiring = oldest.next();
            }
            return Math.max(1, expiring + WINDOW_MILLIS - now);
        }

        synchronized boolean idleSince(long now) {
            return calls.isEmpty() || calls.peekLast() <= now - WINDOW_MILLIS;
        }
    }
}

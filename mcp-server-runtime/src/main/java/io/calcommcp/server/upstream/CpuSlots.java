package io.calcommcp.server.upstream;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most so many request threads doing CPU work at once; a thread gives its slot up while it waits
 * for the API ({@link #pause}, {@link #resume}).
 *
 * <p>Why: a server with a thread per connection and one CPU has, under load, sixteen runnable
 * threads taking turns on it, and the JIT compiler's thread is just one more among them. Measured
 * with the bench (16 clients, 30 s of warm-up): without slots, runs of one build gave 1,068 to
 * 8,576 calls/s; with four slots, 6,684 to 9,020 calls/s.
 *
 * <p>Slots only smooth the work out, they never hold a request up for long: a thread that finds
 * none free within the longest wait goes on without one. So a request stuck on something other than
 * the API (a database that does not answer) cannot starve the others, nor the health checks.
 */
public final class CpuSlots {

    private static final ThreadLocal<CpuSlots> HELD = new ThreadLocal<>();

    private final Semaphore slots;
    private final long longestWaitNanos;

    /**
     * @param slots how many threads may do CPU work at once
     * @param longestWait how long a thread waits for a slot before it goes on without one
     */
    public CpuSlots(int slots, Duration longestWait) {
        this.slots = new Semaphore(slots);
        this.longestWaitNanos = longestWait.toNanos();
    }

    /** Two per CPU and two more: enough to keep every CPU busy while some threads write answers. */
    public static int forThisMachine() {
        return 2 * Runtime.getRuntime().availableProcessors() + 2;
    }

    /** Takes a slot for this thread, or gives up after the longest wait; then call {@link #leave}. */
    public void enter() {
        if (take()) {
            HELD.set(this);
        }
    }

    /** Gives this thread's slot back, if it holds one. */
    public void leave() {
        if (HELD.get() == this) {
            HELD.remove();
            slots.release();
        }
    }

    /** Gives up this thread's slot, if it holds one, for a wait on the network; see {@link #resume}. */
    static CpuSlots pause() {
        CpuSlots held = HELD.get();
        if (held != null) {
            held.slots.release();
        }
        return held;
    }

    /** Takes back the slot {@link #pause} gave up; without a free one in time, goes on without it. */
    static void resume(CpuSlots paused) {
        if (paused != null && !paused.take()) {
            HELD.remove();
        }
    }

    private boolean take() {
        try {
            return slots.tryAcquire(longestWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

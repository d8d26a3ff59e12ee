package io.calcommcp.server.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * One deadline over every phase of a call, however slowly its bytes come: the connection (TCP, TLS
 * handshake, the wait for a pooled one) within the connect timeout, then the request written and
 * the whole answer read within the read timeout of that. At the deadline the call is cancelled,
 * which closes its connection under whatever read or write it is blocked in.
 *
 * <p>Why: HttpClient's timeouts bound each socket read, not a phase. A peer that sends one byte of
 * its TLS handshake, or of its answer, a little before each read times out would hold a call (and
 * the call's slot) for as long as it liked.
 *
 * <p>One thread looks at the running calls every {@link #TICK_MILLIS} while there are any, rather
 * than a timer task per call: scheduling a task wakes the timer's thread on every call, a context
 * switch each time on a one-CPU server. A deadline may so pass by up to one tick before it is
 * enforced.
 */
final class CallDeadlines implements AutoCloseable {

    /** Where the call's {@link Watch} is kept in HttpClient's per-call context. */
    static final String ATTRIBUTE = Watch.class.getName();

    /** How often running calls are looked at. */
    static final long TICK_MILLIS = 20;

    /** How long the thread goes on looking after the last call, before it sleeps until the next one. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long connectNanos;
    private final long readNanos;
    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    /** The call each thread is making: calls are made on the calling thread, one at a time. */
    private final ThreadLocal<Watch> current = new ThreadLocal<>();

    private final AtomicBoolean awake = new AtomicBoolean();
    private final Thread watcher;
    private volatile boolean closed;

    CallDeadlines(Duration connectTimeout, Duration readTimeout) {
        this.connectNanos = connectTimeout.toNanos();
        this.readNanos = readTimeout.toNanos();
        this.watcher = new Thread(this::watch, "upstream-deadlines");
        watcher.setDaemon(true);
    }

    /** Starts the deadline of a call that {@code request} cancels. */
    Watch start(Cancellable request) {
        Watch watch = new Watch(request, System.nanoTime() + connectNanos);
        running.add(watch);
        current.set(watch);
        if (!awake.get() && awake.compareAndSet(false, true)) {
            synchronized (watcher) {
                if (watcher.getState() == Thread.State.NEW) {
                    watcher.start();
                }
            }
            LockSupport.unpark(watcher);
        }
        return watch;
    }

    /**
     * How long the calling thread's call has left to connect, in nanoseconds (the whole connect
     * timeout outside a call): what a step that cannot be cancelled, such as a host name's lookup,
     * may wait.
     */
    long connectNanosLeft() {
        Watch watch = current.get();
        return watch == null ? connectNanos : watch.connectBy - System.nanoTime();
    }

    /** The step of HttpClient's chain, right after it has a connection, that starts the answer's time. */
    ExecChainHandler connectedStep() {
        return (request, scope, chain) -> {
            Object watch = scope.clientContext.getAttribute(ATTRIBUTE);
            if (watch instanceof Watch w) {
                w.connected();
            }
            return chain.proceed(request, scope);
        };
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(watcher);
    }

    private void watch() {
        long lastBusy = System.nanoTime();
        while (!closed) {
            long now = System.nanoTime();
            for (Watch watch : running) {
                watch.check(now);
            }
            if (!running.isEmpty()) {
                lastBusy = now;
            } else if (now - lastBusy > LINGER_NANOS) {
                awake.set(false);
                // A call that started since the look above has set awake again, and unparks this thread.
                if (running.isEmpty() && !awake.get()) {
                    LockSupport.park(this);
                }
                lastBusy = System.nanoTime();
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
        }
    }

    /** The phase a call was in when its deadline cut it off. */
    enum Phase {
        CONNECT,
        ANSWER
    }

    /** One call's deadline. */
    final class Watch {
        private final Cancellable request;
        private final long connectBy;
        private volatile long answerBy;
        private volatile boolean connected;
        private volatile Phase expired;

        private Watch(Cancellable request, long connectBy) {
            this.request = request;
            this.connectBy = connectBy;
        }

        private void connected() {
            if (!connected) {
                answerBy = System.nanoTime() + readNanos;
                connected = true;
            }
        }

        private void check(long now) {
            if (expired != null) {
                return;
            }
            if (!connected && now - connectBy >= 0) {
                expire(Phase.CONNECT);
            } else if (connected && now - answerBy >= 0) {
                expire(Phase.ANSWER);
            }
        }

        private void expire(Phase phase) {
            expired = phase;
            running.remove(this);
            request.cancel();
        }

        /** Whether the call had a connection (and so may have sent its request). */
        boolean hadConnection() {
            return connected;
        }

        /** The phase the deadline cut the call off in, or null if it did not. */
        Phase expired() {
            return expired;
        }

        /** Ends the watch: the call is over. */
        void stop() {
            running.remove(this);
            current.remove();
        }
    }
}

package io.calcommcp.server.upstream;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 */
final class CallDeadlines implements AutoCloseable {

    /** Where the call's {@link Watch} is kept in HttpClient's per-call context. */
    static final String ATTRIBUTE = Watch.class.getName();

    private final long connectNanos;
    private final long readNanos;
    private final ScheduledThreadPoolExecutor timer;

    CallDeadlines(Duration connectTimeout, Duration readTimeout) {
        this.connectNanos = connectTimeout.toNanos();
        this.readNanos = readTimeout.toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "upstream-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Nearly every call ends long before its deadline: its task goes, rather than waiting in the queue.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts the deadline of a call that {@code request} cancels. */
    Watch start(Cancellable request) {
        Watch watch = new Watch(request);
        watch.schedule(connectNanos);
        return watch;
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
        timer.shutdownNow();
    }

    /** The phase a call was in when its deadline cut it off. */
    enum Phase {
        CONNECT,
        ANSWER
    }

    /** One call's deadline. */
    final class Watch {
        private final Cancellable request;
        private volatile long connectedAt;
        private volatile boolean connected;
        private volatile Phase expired;
        private volatile boolean stopped;
        private volatile ScheduledFuture<?> task;

        private Watch(Cancellable request) {
            this.request = request;
        }

        private void schedule(long nanos) {
            task = timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
        }

        private void connected() {
            if (!connected) {
                connectedAt = System.nanoTime();
                connected = true;
            }
        }

        private void check() {
            if (stopped) {
                return;
            }
            if (!connected) {
                expire(Phase.CONNECT);
                return;
            }
            long remaining = connectedAt + readNanos - System.nanoTime();
            if (remaining <= 0) {
                expire(Phase.ANSWER);
            } else {
                schedule(remaining);
            }
        }

        private void expire(Phase phase) {
            expired = phase;
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
            stopped = true;
            ScheduledFuture<?> pending = task;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}

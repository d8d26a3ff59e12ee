package io.calcommcp.server.http;

import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A deadline for every request's head: a connection whose request line and headers have not all
 * arrived within the request timeout of their first byte is closed, and so is a new connection
 * that has sent nothing within it. Jetty's idle timeout restarts at every byte, so a client
 * trickling a byte a second (slowloris) would otherwise hold a connection for as long as it likes.
 *
 * <p>Every {@link #CHECK_EVERY} this looks at the connector's open connections and asks Jetty's
 * HTTP parser of each whether it is inside a request head and since when; it reads the parser's
 * state from another thread, so a connection is closed up to one check late, never early.
 */
final class HeaderDeadline extends AbstractLifeCycle {

    /** How often the open connections are checked, and cut-off heads logged. */
    static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final AbstractConnector connector;
    private final long timeoutNanos;
    private final StructuredLog log;
    private final CallObserver observer;
    private volatile Scheduler.Task next;

    HeaderDeadline(AbstractConnector connector, Duration timeout, StructuredLog log, CallObserver observer) {
        this.connector = connector;
        this.timeoutNanos = timeout.toNanos();
        this.log = log;
        this.observer = observer;
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = connector.getScheduler().schedule(this::check, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void check() {
        try {
            int closed = 0;
            long now = NanoTime.now();
            long nowMillis = System.currentTimeMillis();
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection http && overdue(http, now, nowMillis)) {
                    endPoint.close();
                    closed++;
                }
            }
            if (closed > 0) {
                int count = closed;
                for (int i = 0; i < closed; i++) {
                    observer.refused("header_timeout");
                }
                log.warn(
                        "request_refused",
                        line -> line.put("reason", "header_timeout").put("connections_closed", count));
            }
        } finally {
            schedule();
        }
    }

    /**
     * Whether {@code http} is inside a request head begun longer than the timeout ago, or has been
     * open that long without a first request.
     */
    private boolean overdue(HttpConnection http, long now, long nowMillis) {
        HttpParser parser = http.getParser();
        if (parser.isStart()) {
            return http.getMessagesIn() == 0
                    && TimeUnit.MILLISECONDS.toNanos(nowMillis - http.getCreatedTimeStamp()) > timeoutNanos;
        }
        return parser.inHeaderState() && NanoTime.elapsed(parser.getBeginNanoTime(), now) > timeoutNanos;
    }
}

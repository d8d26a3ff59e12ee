package io.calcommcp.server.http;

import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's non-blocking HTTP/1.1 protocol with a deadline on request headers. Tomcat's own
 * timeout is per read, so a client that sends one header byte every few seconds holds its
 * connection forever (slowloris); here a connection whose headers are not complete within the
 * deadline of their first byte is closed. While headers arrive no thread is held, so the only cost
 * of such clients is the connections themselves, and they are now bounded in time.
 */
public final class DeadlineHttpProtocol extends Http11NioProtocol {

    private static final long CHECK_EVERY_MILLIS = 250;

    private volatile long headerDeadlineNanos = RequestLimits.DEFAULT_REQUEST_TIMEOUT.toNanos();
    private volatile StructuredLog log;
    private volatile CallObserver observer = CallObserver.NONE;
    private ScheduledExecutorService reaper;

    /** How long a client has, from the first byte of a request, to send all of its headers. */
    void setHeaderDeadline(Duration deadline) {
        this.headerDeadlineNanos = deadline.toNanos();
    }

    /** Where a cut connection is logged and counted. */
    void setLog(StructuredLog log, CallObserver observer) {
        this.log = log;
        this.observer = observer;
    }

    @Override
    public void start() throws Exception {
        super.start();
        reaper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "http-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        reaper.scheduleWithFixedDelay(
                this::closeLateHeaders, CHECK_EVERY_MILLIS, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws Exception {
        if (reaper != null) {
            reaper.shutdownNow();
        }
        super.stop();
    }

    private void closeLateHeaders() {
        long now = System.nanoTime();
        long deadline = headerDeadlineNanos;
        int closed = 0;
        for (SocketWrapperBase<NioChannel> connection : getEndpoint().getConnections()) {
            // A processor rests on an idle connection only while it waits for the rest of a request
            // (or for an asynchronous request, which this server does not make); a started request
            // that has not reached a servlet yet is one whose headers are still arriving.
            if (connection.getCurrentProcessor() instanceof AbstractProcessor processor && !processor.isAsync()) {
                Request request = processor.getRequest();
                long started = request.getStartTimeNanos();
                if (started != -1
                        && request.getRequestProcessor().getStage() != Constants.STAGE_SERVICE
                        && now - started > deadline) {
                    connection.close();
                    observer.refused("header_timeout");
                    closed++;
                }
            }
        }
        StructuredLog out = log;
        if (closed > 0 && out != null) {
            int count = closed;
            out.warn(
                    "request_refused",
                    line -> line.put("reason", "header_timeout").put("connections_closed", count));
        }
    }
}

package io.calcommcp.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's body, bounded: at most so many bytes (a {@code Content-Length} over the limit
 * is refused before anything is read, a chunked body as soon as it passes the limit) and all of it
 * within a deadline from the first read, however slowly it trickles. What Jetty's parser refuses
 * in the body (a malformed chunk size, say) is refused with Jetty's status.
 */
public final class RequestBodies {

    private RequestBodies() {}

    /** A body that is not read: answer {@link #status()} and close the connection. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        /** The HTTP status to answer with: 400, 408 or 413. */
        public int status() {
            return status;
        }

        /** The reason, such as {@code payload_too_large}. */
        public String code() {
            return code;
        }
    }

    /**
     * The whole body, blocking until it has arrived.
     *
     * @throws Refused when it is larger than {@code maxBytes}, takes longer than {@code deadline},
     *     or is malformed
     */
    public static byte[] read(Request request, int maxBytes, Duration deadline) throws Refused {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        // With a Content-Length (the usual case) the body is read into an array of its size; a
        // chunked body grows its array, to one byte past the limit at most.
        byte[] body = new byte[declared >= 0 ? (int) declared : Math.min(8192, maxBytes + 1)];
        int filled = 0;
        Scheduler.Task timeout = request.getComponents()
                .getScheduler()
                .schedule(
                        () -> request.fail(new TimeoutException("the request body did not arrive in time")),
                        deadline.toNanos(),
                        TimeUnit.NANOSECONDS);
        try {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    awaitContent(request);
                    continue;
                }
                try {
                    if (Content.Chunk.isFailure(chunk)) {
                        throw refusal(chunk.getFailure(), deadline);
                    }
                    ByteBuffer bytes = chunk.getByteBuffer();
                    int n = bytes.remaining();
                    if ((long) filled + n > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    if (filled + n > body.length) {
                        body = Arrays.copyOf(
                                body, (int) Math.min(Math.max(filled + n, 2L * body.length), maxBytes + 1L));
                    }
                    bytes.get(body, filled, n);
                    filled += n;
                    if (chunk.isLast()) {
                        break;
                    }
                } finally {
                    chunk.release();
                }
            }
        } finally {
            timeout.cancel();
        }
        return filled == body.length ? body : Arrays.copyOf(body, filled);
    }

    private static void awaitContent(Request request) throws Refused {
        try (Blocker.Runnable ready = Blocker.runnable()) {
            request.demand(ready);
            ready.block();
        } catch (IOException e) {
            throw new Refused(400, "bad_request", "The request body could not be read.");
        }
    }

    private static Refused tooLarge(int maxBytes) {
        return new Refused(
                413,
                "payload_too_large",
                "The request body is larger than " + maxBytes / 1024 + " KiB, the most this server reads.");
    }

    private static Refused refusal(Throwable failure, Duration deadline) {
        int status = failure instanceof HttpException http ? http.getCode() : 0;
        if (failure instanceof TimeoutException || status == 408) {
            return new Refused(
                    408, "request_timeout", "The request body did not arrive within " + deadline.toMillis() + " ms.");
        }
        if (status == 413) {
            return new Refused(413, "payload_too_large", "The request body is too large.");
        }
        if (status != 0) {
            return new Refused(
                    400,
                    "bad_request",
                    "The request body is not valid HTTP/1.1 framing, such as a malformed chunk size.");
        }
        return new Refused(400, "bad_request", "The request body ended before it was complete.");
    }
}

package io.calcommcp.server.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection to an origin, used by one call at a time on that call's own
 * thread: the request is written and the answer read with blocking socket calls, so a call costs
 * no hand-off between threads (on a one-CPU container each hand-off is a context switch).
 *
 * <p>Everything read is bounded: the answer's head to {@link #MAX_HEAD_BYTES}, its body to the
 * caller's limit, and all of it to the caller's deadline, however slowly the bytes arrive.
 */
final class Http1Connection implements Closeable {

    /** The most status line and headers read; real answers have one or two KiB. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    /** After this long unused, a connection is checked before it is used again (servers close idle ones). */
    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final int BUFFER_BYTES = 16 * 1024;

    /** The default TLS setup, made when the first https connection needs it rather than at start-up. */
    private static final class Tls {
        static final SSLSocketFactory FACTORY = (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    /** An answer read to its end; {@code body} is null when it was larger than the limit. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, long tooLargeBytes) {}

    private final Origin origin;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final StringBuilder line = new StringBuilder(128);
    private int position;
    private int limit;
    private int headBytes;
    private long deadline;
    private boolean receivedAny;
    private boolean reusable;
    private long idleSince;

    private Http1Connection(Origin origin, Socket socket) throws IOException {
        this.origin = origin;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects (and for https completes the TLS handshake, checking the certificate against the
     * host name) within {@code timeout}. No proxy is used.
     */
    static Http1Connection open(Origin origin, Duration timeout) throws IOException {
        int millis = millis(timeout.toNanos());
        Socket socket = new Socket(Proxy.NO_PROXY);
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(origin.host(), origin.port()), millis);
            if (origin.tls()) {
                SSLSocket tls = (SSLSocket) Tls.FACTORY.createSocket(socket, origin.host(), origin.port(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                tls.setSSLParameters(parameters);
                tls.setSoTimeout(millis);
                tls.startHandshake();
                socket = tls;
            }
            return new Http1Connection(origin, socket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    Origin origin() {
        return origin;
    }

    /** Whether the last exchange failed before a single byte of its answer arrived. */
    boolean receivedNothing() {
        return !receivedAny;
    }

    /** Whether the answer just read left the connection ready for the next request. */
    boolean reusable() {
        return reusable;
    }

    /** Marks the connection as idle from now, before it goes back to the pool. */
    void idleFrom(long nanoTime) {
        idleSince = nanoTime;
    }

    /**
     * Whether a pooled connection can still be used: one idle for more than a second is checked
     * with a one-millisecond read, because the server may have closed it meanwhile (Node closes
     * idle connections after five seconds), and a request written into a closed connection fails.
     */
    boolean stillOpen(long nanoTime) {
        if (nanoTime - idleSince < CHECK_AFTER_IDLE_NANOS) {
            return true;
        }
        try {
            socket.setSoTimeout(1);
            // The end of the stream: closed by the server. Data nobody asked for: out of step. Either way, not usable.
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code request} (head and body, as bytes) and reads the answer to its end.
     *
     * @param noBody whether the answer has no body whatever its headers say (a HEAD request)
     * @param deadlineNanos when, on {@link System#nanoTime}, the whole answer must have arrived
     * @param maxBodyBytes the largest body read; a larger one is refused unread (see {@link Answer})
     * @throws SocketTimeoutException if the deadline passed first
     * @throws MalformedAnswerException if what came back is not an HTTP/1.x answer
     * @throws IOException if the connection failed
     */
    Answer exchange(byte[] request, boolean noBody, long deadlineNanos, long maxBodyBytes) throws IOException {
        reusable = false;
        receivedAny = false;
        deadline = deadlineNanos;
        out.write(request);
        out.flush();
        headBytes = 0;
        String statusLine = readLine();
        int status = statusOf(statusLine);
        Map<String, List<String>> headers = readHeaders();
        while (status >= 100 && status < 200) {
            // 100 Continue and other interim answers: the real one follows.
            headBytes = 0;
            statusLine = readLine();
            status = statusOf(statusLine);
            headers = readHeaders();
        }
        boolean keepAlive = keepAlive(statusLine, headers);
        String transferEncoding = last(headers, "transfer-encoding");
        String contentLength = last(headers, "content-length");
        Body body;
        if (noBody || status == 204 || status == 304) {
            body = new Body(new byte[0], 0);
        } else if (transferEncoding != null
                && transferEncoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            body = readChunked(maxBodyBytes);
        } else if (contentLength != null) {
            body = readLength(lengthOf(contentLength), maxBodyBytes);
        } else {
            // Neither a length nor chunks: the body ends when the server closes the connection.
            body = readToEnd(maxBodyBytes);
            keepAlive = false;
        }
        // A body refused unread, or bytes beyond the answer, leave the connection out of step.
        reusable = keepAlive && body.bytes() != null && position == limit;
        return new Answer(status, headers, body.bytes(), body.tooLargeBytes());
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    // --- the answer's head

    private String readLine() throws IOException {
        StringBuilder text = line;
        text.setLength(0);
        while (true) {
            if (position == limit && !fill()) {
                throw new MalformedAnswerException(
                        receivedAny ? "the connection closed inside the answer's head" : "the connection closed");
            }
            byte b = buffer[position++];
            if (++headBytes > MAX_HEAD_BYTES) {
                throw new MalformedAnswerException(
                        "the answer's head is longer than " + MAX_HEAD_BYTES / 1024 + " KiB");
            }
            if (b == '\n') {
                int length = text.length();
                if (length > 0 && text.charAt(length - 1) == '\r') {
                    text.setLength(length - 1);
                }
                return text.toString();
            }
            text.append((char) (b & 0xff));
        }
    }

    private static int statusOf(String statusLine) throws MalformedAnswerException {
        // "HTTP/1.1 200 OK": the version, a space, three digits, then an optional reason.
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new MalformedAnswerException("the answer does not start with an HTTP/1.x status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedAnswerException("the status line has no three-digit status");
            }
            status = status * 10 + (c - '0');
        }
        if (statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new MalformedAnswerException("the status line has no three-digit status");
        }
        return status;
    }

    /** Header names in lower case; a header sent more than once keeps every value, in order. */
    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new MalformedAnswerException("the answer has a header line without a name");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return headers;
    }

    private static boolean keepAlive(String statusLine, Map<String, List<String>> headers) {
        List<String> connection = headers.getOrDefault("connection", List.of());
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        for (String value : connection) {
            for (String token : value.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (t.equals("close")) {
                    return false;
                }
                if (t.equals("keep-alive")) {
                    http10 = false;
                }
            }
        }
        return !http10;
    }

    private static String last(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static long lengthOf(String value) throws MalformedAnswerException {
        if (value.isEmpty() || value.length() > 18) {
            throw new MalformedAnswerException("the answer's Content-Length is not a number of bytes");
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedAnswerException("the answer's Content-Length is not a number of bytes");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    // --- the answer's body

    /** A body read to its end, or null bytes and how many it had when it was refused as too large. */
    private record Body(byte[] bytes, long tooLargeBytes) {
        static Body tooLarge(long bytes) {
            return new Body(null, bytes);
        }
    }

    private Body readLength(long length, long maxBodyBytes) throws IOException {
        if (length > maxBodyBytes) {
            return Body.tooLarge(length);
        }
        byte[] body = new byte[(int) length];
        readFully(body, 0, body.length);
        return new Body(body, 0);
    }

    private Body readChunked(long maxBodyBytes) throws IOException {
        byte[] body = new byte[BUFFER_BYTES];
        int size = 0;
        while (true) {
            headBytes = 0;
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long chunk = chunkSize(
                    semicolon < 0
                            ? sizeLine.trim()
                            : sizeLine.substring(0, semicolon).trim());
            if (chunk == 0) {
                // Trailers, if any, end with an empty line.
                while (!readLine().isEmpty()) {
                    // trailers carry nothing this server reads
                }
                return new Body(size == body.length ? body : Arrays.copyOf(body, size), 0);
            }
            if (size + chunk > maxBodyBytes) {
                return Body.tooLarge(size + chunk);
            }
            if (size + chunk > body.length) {
                body = Arrays.copyOf(body, (int) Math.max(body.length * 2L, size + chunk));
            }
            readFully(body, size, (int) chunk);
            size += (int) chunk;
            if (!readLine().isEmpty()) {
                throw new MalformedAnswerException("a chunk of the answer is longer than its size says");
            }
        }
    }

    private static long chunkSize(String hex) throws MalformedAnswerException {
        if (hex.isEmpty() || hex.length() > 15) {
            throw new MalformedAnswerException("the answer's chunk size is not a hexadecimal number");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new MalformedAnswerException("the answer's chunk size is not a hexadecimal number");
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private Body readToEnd(long maxBodyBytes) throws IOException {
        byte[] body = new byte[BUFFER_BYTES];
        int size = 0;
        while (true) {
            if (position == limit && !fill()) {
                return new Body(Arrays.copyOf(body, size), 0);
            }
            int n = limit - position;
            if (size + (long) n > maxBodyBytes) {
                return Body.tooLarge(size + (long) n);
            }
            if (size + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, size + n));
            }
            System.arraycopy(buffer, position, body, size, n);
            size += n;
            position = limit;
        }
    }

    private void readFully(byte[] into, int offset, int length) throws IOException {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (position == limit && !fill()) {
                throw new MalformedAnswerException("the connection closed before the answer's body was complete");
            }
            int n = Math.min(end - at, limit - position);
            System.arraycopy(buffer, position, into, at, n);
            position += n;
            at += n;
        }
    }

    /** Reads what the socket has, waiting at most until the deadline; false at the end of the stream. */
    private boolean fill() throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("the answer did not arrive in time");
        }
        socket.setSoTimeout(millis(remaining));
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        receivedAny = true;
        return true;
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket that failed: nothing more to do.
        }
    }
}

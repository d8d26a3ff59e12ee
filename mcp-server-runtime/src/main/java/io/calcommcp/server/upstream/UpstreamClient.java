package io.calcommcp.server.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Sends {@link UpstreamRequest}s to the target of each call, with the target's credentials.
 *
 * <p>Credentials are only ever placed in the header the target names; they are never taken from
 * tool arguments and never appear in exceptions, results or logs. One instance is shared by all
 * tool calls of all accounts. Each call sends its request and reads the answer on its own thread
 * over a pooled keep-alive HTTP/1.1 connection ({@link Http1Connection}): there is no selector
 * thread to hand the bytes to and back, which on one CPU cost more than the rest of the call.
 */
public final class UpstreamClient implements AutoCloseable {

    // Headers the server owns: a tool definition or argument must never override them.
    private static final Set<String> RESERVED_HEADERS =
            Set.of("authorization", "host", "content-length", "transfer-encoding", "connection");

    // Sent again on a fresh connection when a pooled one turns out closed before it answered.
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private static final byte[] REDACTED = "[redacted]".getBytes(StandardCharsets.US_ASCII);

    private final ConnectionPool pool = new ConnectionPool();
    private final String apiName;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private final long maxResponseBytes;

    /**
     * @param apiName the API's name in messages, such as {@code the Example API}
     * @param connectTimeout how long to wait for a connection (and its TLS handshake)
     * @param readTimeout how long to wait for the whole answer once the request is sent
     * @param userAgent the {@code User-Agent} header value
     * @param maxResponseBytes the largest answer body read; a larger one is refused unread
     */
    public UpstreamClient(
            String apiName, Duration connectTimeout, Duration readTimeout, String userAgent, long maxResponseBytes) {
        this.apiName = apiName;
        this.maxResponseBytes = maxResponseBytes;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.userAgent = userAgent;
    }

    /**
     * Sends the request and returns whatever status the API answered with.
     *
     * @throws UpstreamUnavailableException if no HTTP answer arrived (refused, timed out, broken)
     * @throws UpstreamResponseTooLargeException if the answer is larger than this client reads
     */
    public UpstreamResponse send(UpstreamRequest request, UpstreamTarget target)
            throws UpstreamUnavailableException, UpstreamResponseTooLargeException {
        Origin origin = Origin.of(target.baseUrl());
        byte[] bytes = bytesOf(request, target, origin);
        boolean noBody = request.method().equals("HEAD");
        boolean retryable = IDEMPOTENT.contains(request.method());
        String displayUrl = DisplayUrl.of(target.baseUrl());
        // The exchange is mostly waiting for the API: other requests may use the CPU meanwhile.
        CpuSlots paused = CpuSlots.pause();
        try {
            return exchange(target, origin, bytes, noBody, retryable, displayUrl);
        } finally {
            CpuSlots.resume(paused);
        }
    }

    private UpstreamResponse exchange(
            UpstreamTarget target, Origin origin, byte[] bytes, boolean noBody, boolean retryable, String displayUrl)
            throws UpstreamUnavailableException, UpstreamResponseTooLargeException {
        Http1Connection connection = pool.take(origin);
        while (true) {
            boolean pooled = connection != null;
            if (!pooled) {
                connection = connect(origin, displayUrl);
            }
            Http1Connection.Answer answer;
            try {
                answer =
                        connection.exchange(bytes, noBody, System.nanoTime() + readTimeout.toNanos(), maxResponseBytes);
            } catch (IOException e) {
                connection.close();
                if (pooled && retryable && connection.receivedNothing() && !(e instanceof SocketTimeoutException)) {
                    // The server had closed the idle connection: nothing was done, so send it once more.
                    connection = null;
                    continue;
                }
                throw failed(e, displayUrl);
            }
            if (connection.reusable()) {
                pool.give(connection);
            } else {
                connection.close();
            }
            if (answer.body() == null) {
                throw new UpstreamResponseTooLargeException(
                        capitalized(apiName) + " answered HTTP " + answer.status() + " with more than "
                                + bytes(maxResponseBytes) + ", more than this server reads; it was not read to the"
                                + " end. Ask for less: a smaller limit, a shorter time range, or fewer fields.",
                        answer.status());
            }
            // An API that echoes the key back (in an error message, say) must not leak it further.
            byte[] body = Redaction.replace(answer.body(), target.secret().getBytes(StandardCharsets.UTF_8), REDACTED);
            return new UpstreamResponse(answer.status(), answer.headers(), body);
        }
    }

    /** Closes the idle connections. */
    @Override
    public void close() {
        pool.close();
    }

    private Http1Connection connect(Origin origin, String displayUrl) throws UpstreamUnavailableException {
        try {
            return Http1Connection.open(origin, connectTimeout);
        } catch (SocketTimeoutException e) {
            throw new UpstreamUnavailableException(
                    "Could not connect to " + apiName + " at " + displayUrl + " within " + seconds(connectTimeout)
                            + ".",
                    false);
        } catch (UnknownHostException e) {
            throw new UpstreamUnavailableException(
                    "Could not connect to " + apiName + " at " + displayUrl + ": its host name was not found.", false);
        } catch (ConnectException | NoRouteToHostException e) {
            throw new UpstreamUnavailableException(
                    "Could not connect to " + apiName + " at " + displayUrl
                            + " (connection refused or host unreachable).",
                    false);
        } catch (SSLException e) {
            throw new UpstreamUnavailableException(
                    "The TLS handshake with " + apiName + " at " + displayUrl + " failed ("
                            + e.getClass().getSimpleName() + "); check that the base URL's certificate is valid.",
                    false);
        } catch (IOException e) {
            throw new UpstreamUnavailableException(
                    "Could not connect to " + apiName + " at " + displayUrl + " ("
                            + e.getClass().getSimpleName() + ").",
                    false);
        }
    }

    private UpstreamUnavailableException failed(IOException e, String displayUrl) {
        if (e instanceof SocketTimeoutException) {
            return new UpstreamUnavailableException(
                    capitalized(apiName) + " did not answer within " + seconds(readTimeout) + ".", true);
        }
        if (e instanceof MalformedAnswerException) {
            return new UpstreamUnavailableException(
                    capitalized(apiName) + " at " + displayUrl + " sent an answer this server cannot read: "
                            + e.getMessage() + ".",
                    true);
        }
        return new UpstreamUnavailableException(
                "The connection to " + apiName + " at " + displayUrl + " failed ("
                        + e.getClass().getSimpleName() + ").",
                true);
    }

    /** The request as it goes on the wire: request line, headers, and the body if there is one. */
    private byte[] bytesOf(UpstreamRequest request, UpstreamTarget target, Origin origin) {
        String pathAndQuery = request.pathAndQuery();
        if (target.credentialInQuery()) {
            // Never in a message: only DisplayUrl.of(baseUrl), which has no query, is ever shown.
            pathAndQuery += (pathAndQuery.contains("?") ? "&" : "?")
                    + URLEncoder.encode(target.credentialHeader(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(target.credentialValue(), StandardCharsets.UTF_8);
        }
        String requestTarget = Origin.basePath(target.baseUrl()) + pathAndQuery;
        requireToken(request.method(), "method");
        requireVisibleAscii(requestTarget);
        StringBuilder head = new StringBuilder(256 + requestTarget.length());
        head.append(request.method()).append(' ').append(requestTarget).append(" HTTP/1.1\r\n");
        header(head, "Host", origin.hostHeader());
        if (request.headers().keySet().stream().noneMatch(name -> name.equalsIgnoreCase("accept"))) {
            header(head, "Accept", "application/json");
        }
        header(head, "User-Agent", userAgent);
        String credentialHeader = target.credentialHeader().toLowerCase(Locale.ROOT);
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!RESERVED_HEADERS.contains(lower) && !lower.equals(credentialHeader) && !lower.equals("user-agent")) {
                requireToken(name, "header name");
                header(head, name, value);
            }
        });
        if (!target.credentialInQuery()) {
            header(head, target.credentialHeader(), target.credentialValue());
        }
        byte[] body = request.body()
                .map(text -> text.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        if (body != null) {
            header(head, "Content-Type", request.bodyType());
            header(head, "Content-Length", Integer.toString(body.length));
        } else if (!IDEMPOTENT.contains(request.method())) {
            header(head, "Content-Length", "0");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static void header(StringBuilder head, String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                // A line break would start a header (or a request) of the value's choosing.
                throw new IllegalArgumentException("The value of the " + name + " header has a control character");
            }
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static void requireToken(String text, String what) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("An empty " + what);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("The " + what + " " + text + " is not an HTTP token");
            }
        }
    }

    private static void requireVisibleAscii(String requestTarget) {
        for (int i = 0; i < requestTarget.length(); i++) {
            char c = requestTarget.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("The request path has a character that must be percent-encoded");
            }
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String bytes(long count) {
        return count % (1024 * 1024) == 0
                ? count / (1024 * 1024) + " MiB"
                : count % 1024 == 0 ? count / 1024 + " KiB" : count + " bytes";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}

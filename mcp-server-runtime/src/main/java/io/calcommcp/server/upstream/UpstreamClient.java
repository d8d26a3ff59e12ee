package io.calcommcp.server.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.ssl.TLS;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends {@link UpstreamRequest}s to the target of each call, with the target's credentials,
 * through Apache HttpClient 5 (classic): the request is written and the answer read on the calling
 * thread, over pooled keep-alive connections, so a call costs no hand-off between threads.
 *
 * <p>Credentials are only ever placed in the header the target names; they are never taken from
 * tool arguments and never appear in exceptions, results or logs. One instance is shared by all
 * tool calls of all accounts, but a connection only ever serves calls with the credentials it was
 * first used with, and never one after an answer whose framing left bytes unread ({@link
 * CheckedConnection}, {@link FramingReuseStrategy}).
 *
 * <p>Each call has one deadline over all its phases ({@link CallDeadlines}); its answer is read to
 * at most so many bytes; redirects are not followed, cookies not kept; only a request that is safe
 * to repeat is sent again, once, when a pooled connection turned out closed ({@link
 * IdempotentRetry}); an HTTP proxy is used when the JVM or the environment names one ({@link
 * UpstreamProxies}).
 */
public final class UpstreamClient implements AutoCloseable {

    /** The connections kept (busy and idle) when the caller does not say: the calls that run at once by default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    // Headers the server owns: a tool definition or argument must never override them.
    private static final Set<String> RESERVED_HEADERS =
            Set.of("authorization", "host", "content-length", "transfer-encoding", "connection");

    private static final byte[] REDACTED = "[redacted]".getBytes(StandardCharsets.US_ASCII);

    private static final URI ROOT = URI.create("/");

    private static final int FIRST_READ_BYTES = 16 * 1024;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private final long maxResponseBytes;
    private final int maxConnections;
    private final UpstreamProxies proxies;
    private final String apiName;
    private final ExchangeFailures failures;
    private final CallDeadlines deadlines;
    private final HostLookups lookups;
    private final Object lock = new Object();
    private volatile CloseableHttpClient http;
    private boolean closed;

    /**
     * A client with {@link #DEFAULT_MAX_CONNECTIONS}, through the proxy the JVM or the environment
     * names, if any.
     *
     * @param apiName the API's name in messages, such as {@code the Example API}
     * @param connectTimeout how long to wait for a connection (and its TLS handshake)
     * @param readTimeout how long to wait for the whole answer once connected
     * @param userAgent the {@code User-Agent} header value
     * @param maxResponseBytes the largest answer body read; a larger one is refused unread
     */
    public UpstreamClient(
            String apiName, Duration connectTimeout, Duration readTimeout, String userAgent, long maxResponseBytes) {
        this(apiName, connectTimeout, readTimeout, userAgent, maxResponseBytes, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * As above, keeping at most {@code maxConnections} connections, busy and idle (more calls at once
     * wait for one, within their deadline).
     *
     * @throws IllegalArgumentException if a proxy variable of the environment is not an {@code
     *     http://host:port} URL
     */
    public UpstreamClient(
            String apiName,
            Duration connectTimeout,
            Duration readTimeout,
            String userAgent,
            long maxResponseBytes,
            int maxConnections) {
        this(
                apiName,
                connectTimeout,
                readTimeout,
                userAgent,
                maxResponseBytes,
                maxConnections,
                UpstreamProxies.of(System.getenv(), ProxySelector.getDefault()),
                SystemDefaultDnsResolver.INSTANCE::resolve);
    }

    /** As above, with the proxies and the host-name lookup given (tests). */
    UpstreamClient(
            String apiName,
            Duration connectTimeout,
            Duration readTimeout,
            String userAgent,
            long maxResponseBytes,
            int maxConnections,
            UpstreamProxies proxies,
            HostLookups.Lookup lookup) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        this.apiName = apiName;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.userAgent = userAgent;
        this.maxResponseBytes = maxResponseBytes;
        this.maxConnections = maxConnections;
        this.proxies = proxies;
        this.failures = new ExchangeFailures(apiName, connectTimeout, readTimeout);
        this.deadlines = new CallDeadlines(connectTimeout, readTimeout);
        this.lookups = new HostLookups(lookup, deadlines::connectNanosLeft);
    }

    /**
     * Sends the request and returns whatever status the API answered with.
     *
     * @throws UpstreamUnavailableException if no HTTP answer arrived (refused, timed out, broken)
     * @throws UpstreamResponseTooLargeException if the answer is larger than this client reads
     * @throws IllegalArgumentException if the request cannot be sent as it is (a header value with a
     *     line break, a path with a character that must be percent-encoded); nothing was sent
     */
    public UpstreamResponse send(UpstreamRequest request, UpstreamTarget target)
            throws UpstreamUnavailableException, UpstreamResponseTooLargeException {
        HttpHost host = hostOf(target.baseUrl());
        HttpUriRequestBase message = messageOf(request, target, host);
        HttpClientContext context = HttpClientContext.create();
        // Connections are pooled per set of credentials: one account's connection never carries
        // another's call, whatever a misbehaving API leaves on it.
        context.setUserToken(PoolOwner.of(target));
        CallDeadlines.Watch watch = deadlines.start(message);
        context.setAttribute(CallDeadlines.ATTRIBUTE, watch);
        try {
            ClassicHttpResponse response = client().executeOpen(host, message, context);
            if (!watch.hadConnection()) {
                // An answer before the connection to the API was made: the proxy's refusal of the tunnel.
                message.cancel();
                throw failures.proxyRefused(response.getCode());
            }
            byte[] body = read(response, message);
            // An API that echoes the key back (in an error message, say) must not leak it further.
            body = Redaction.replace(body, target.secret().getBytes(StandardCharsets.UTF_8), REDACTED);
            return new UpstreamResponse(response.getCode(), headersOf(response), body);
        } catch (IOException e) {
            // Whatever the call left on its connection, the connection goes.
            message.cancel();
            throw failures.of(e, watch);
        } finally {
            watch.stop();
        }
    }

    /** Closes the connections; a call still running fails. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (http != null) {
                http.close(CloseMode.IMMEDIATE);
            }
        }
        deadlines.close();
    }

    /**
     * The body, read to its end (which gives the connection back) or, larger than the limit,
     * refused: the connection is then closed rather than read to the end.
     */
    private byte[] read(ClassicHttpResponse response, HttpUriRequestBase message)
            throws IOException, UpstreamResponseTooLargeException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        long announced = entity.getContentLength();
        if (announced > maxResponseBytes) {
            throw tooLarge(message, response.getCode());
        }
        InputStream in = entity.getContent();
        byte[] body = new byte[announced >= 0 ? (int) announced : FIRST_READ_BYTES];
        int size = 0;
        while (true) {
            if (size == body.length) {
                if (announced >= 0) {
                    // The announced length is in: this read sees the end, which releases the connection.
                    if (in.read() < 0) {
                        break;
                    }
                    throw new MalformedAnswerException("its body is longer than its Content-Length");
                }
                body = Arrays.copyOf(body, (int) Math.min(maxResponseBytes + 1, body.length * 2L));
            }
            int n = in.read(body, size, body.length - size);
            if (n < 0) {
                break;
            }
            size += n;
            if (size > maxResponseBytes) {
                throw tooLarge(message, response.getCode());
            }
        }
        return size == body.length ? body : Arrays.copyOf(body, size);
    }

    private UpstreamResponseTooLargeException tooLarge(HttpUriRequestBase message, int status) {
        message.cancel();
        return new UpstreamResponseTooLargeException(
                ExchangeFailures.capitalized(apiName) + " answered HTTP " + status + " with more than "
                        + bytes(maxResponseBytes) + ", more than this server reads; it was not read to the"
                        + " end. Ask for less: a smaller limit, a shorter time range, or fewer fields.",
                status);
    }

    /** Header names in lower case; a header sent more than once keeps every value, in order. */
    private static Map<String, List<String>> headersOf(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), n -> new ArrayList<>(1))
                    .add(header.getValue());
        }
        return headers;
    }

    /** The client, made by the first call: a server that has not called the API yet needs none. */
    private CloseableHttpClient client() throws IOException {
        CloseableHttpClient client = http;
        if (client != null) {
            return client;
        }
        synchronized (lock) {
            if (closed) {
                throw new IOException("the client is closed");
            }
            if (http == null) {
                http = build();
            }
            return http;
        }
    }

    private CloseableHttpClient build() {
        Timeout connect = Timeout.of(connectTimeout);
        Timeout read = Timeout.of(readTimeout);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setConnectionFactory(CheckedConnection.FACTORY)
                        .setDnsResolver(lookups)
                        .setTlsSocketStrategy(new LazyTls())
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        // The connection taken is the one most recently used: the one most likely still open.
                        .setConnPoolPolicy(PoolReusePolicy.LIFO)
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
                        .setDefaultSocketConfig(SocketConfig.custom()
                                .setTcpNoDelay(true)
                                .setSoTimeout(read)
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                // Every connection taken is checked for bytes nobody asked for, at the
                                // cost of a look at its buffers; one idle a second is also read from.
                                .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS)
                                .build())
                        .setDefaultTlsConfig(TlsConfig.custom()
                                .setHandshakeTimeout(connect)
                                .setSupportedProtocols(TLS.V_1_3, TLS.V_1_2)
                                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setExpectContinueEnabled(false)
                        // Only a proxy's own credentials are ever answered to a challenge.
                        .setAuthenticationEnabled(proxies.hasCredentials())
                        .build())
                .setRoutePlanner(new SystemDefaultRoutePlanner(proxies))
                .setDefaultCredentialsProvider(proxies.credentials())
                .setRetryStrategy(new IdempotentRetry())
                .setConnectionReuseStrategy(new FramingReuseStrategy())
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), "deadline", deadlines.connectedStep())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(userAgent)
                .build();
    }

    /**
     * Where connections go: the base URL's scheme, host and port.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL with a host
     */
    private static HttpHost hostOf(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The API's base URL must start with http:// or https://");
        }
        String host = baseUrl.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("The API's base URL has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int defaultPort = scheme.equals("https") ? 443 : 80;
        // The scheme's own port is left out of the Host header, as browsers do.
        return new HttpHost(scheme, bare, baseUrl.getPort() == defaultPort ? -1 : baseUrl.getPort());
    }

    /** The request as HttpClient sends it: the method, the target, headers, credentials and body. */
    private HttpUriRequestBase messageOf(UpstreamRequest request, UpstreamTarget target, HttpHost host) {
        String pathAndQuery = request.pathAndQuery();
        if (target.credentialInQuery()) {
            // Never in a message: no message names the URL a request went to.
            pathAndQuery += (pathAndQuery.contains("?") ? "&" : "?")
                    + URLEncoder.encode(target.credentialHeader(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(target.credentialValue(), StandardCharsets.UTF_8);
        }
        String requestTarget = basePath(target.baseUrl()) + pathAndQuery;
        requireToken(request.method(), "method");
        requireVisibleAscii(requestTarget);
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), ROOT);
        // The path as built, already percent-encoded: set as it is, not parsed and written again.
        message.setPath(requestTarget);
        message.setScheme(host.getSchemeName());
        message.setAuthority(new URIAuthority(host));
        if (request.headers().keySet().stream().noneMatch(name -> name.equalsIgnoreCase("accept"))) {
            message.addHeader("Accept", "application/json");
        }
        String credentialHeader = target.credentialHeader().toLowerCase(Locale.ROOT);
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!RESERVED_HEADERS.contains(lower) && !lower.equals(credentialHeader) && !lower.equals("user-agent")) {
                requireToken(name, "header name");
                message.addHeader(name, checkedValue(name, value));
            }
        });
        if (!target.credentialInQuery()) {
            message.addHeader(
                    target.credentialHeader(), checkedValue(target.credentialHeader(), target.credentialValue()));
        }
        request.body()
                .ifPresent(text -> message.setEntity(new ByteArrayEntity(
                        text.getBytes(StandardCharsets.UTF_8), ContentType.create(request.bodyType()))));
        return message;
    }

    /** The base URL's path without a trailing slash: what every request target starts with. */
    private static String basePath(URI baseUrl) {
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String checkedValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                // A line break would start a header (or a request) of the value's choosing.
                throw new IllegalArgumentException("The value of the " + name + " header has a control character");
            }
        }
        return value;
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

    private static String bytes(long count) {
        return count % (1024 * 1024) == 0
                ? count / (1024 * 1024) + " MiB"
                : count % 1024 == 0 ? count / 1024 + " KiB" : count + " bytes";
    }

    /**
     * Whose calls a pooled connection serves: a digest of the credentials, so that the pool (whose
     * debug log prints it) never holds the key itself.
     */
    private record PoolOwner(String digest) {
        static PoolOwner of(UpstreamTarget target) {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(target.credentialHeader().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) '\n');
                sha256.update(target.credentialValue().getBytes(StandardCharsets.UTF_8));
                return new PoolOwner(HexFormat.of().formatHex(sha256.digest(), 0, 16));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }
}

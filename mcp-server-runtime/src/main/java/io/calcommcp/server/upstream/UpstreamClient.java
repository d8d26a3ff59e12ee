package io.calcommcp.server.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Sends {@link UpstreamRequest}s to the target of each call, with the target's credentials.
 *
 * <p>Credentials are only ever placed in the header the target names; they are never taken from
 * tool arguments and never appear in exceptions, results or logs. One instance is shared by all
 * tool calls of all accounts: {@link HttpClient} pools connections and is thread-safe.
 */
public final class UpstreamClient {

    // Headers the server owns: a tool definition or argument must never override them.
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "host", "content-length");

    private final HttpClient http;
    private final String apiName;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private final LimitedBody bodies;
    private final long maxResponseBytes;

    /**
     * @param apiName the API's name in messages, such as {@code the Example API}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the answer once the request is sent
     * @param userAgent the {@code User-Agent} header value
     * @param maxResponseBytes the largest answer body read; a larger one is refused unread
     */
    public UpstreamClient(
            String apiName, Duration connectTimeout, Duration readTimeout, String userAgent, long maxResponseBytes) {
        this.apiName = apiName;
        this.bodies = new LimitedBody(maxResponseBytes);
        this.maxResponseBytes = maxResponseBytes;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // HTTP/2 where TLS negotiates it (ALPN); plain http stays on HTTP/1.1, because the
                // client would otherwise try an h2c upgrade, which confuses some local proxies and fakes.
                .version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                // The client's own tasks (delivering the answer's bytes) run on its selector thread
                // instead of being handed to a pool and back: on a small machine every hand-off is a
                // context switch, and none of those tasks blocks.
                .executor(Runnable::run)
                .build();
    }

    /**
     * Sends the request and returns whatever status the API answered with.
     *
     * @throws UpstreamUnavailableException if no HTTP answer arrived (refused, timed out, broken)
     * @throws UpstreamResponseTooLargeException if the answer is larger than this client reads
     */
    public UpstreamResponse send(UpstreamRequest request, UpstreamTarget target)
            throws UpstreamUnavailableException, UpstreamResponseTooLargeException {
        String base = target.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String displayUrl = DisplayUrl.of(target.baseUrl());
        String pathAndQuery = request.pathAndQuery();
        if (target.credentialInQuery()) {
            // Never in a message: only DisplayUrl.of(baseUrl), which has no query, is ever shown.
            pathAndQuery += (pathAndQuery.contains("?") ? "&" : "?")
                    + URLEncoder.encode(target.credentialHeader(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(target.credentialValue(), StandardCharsets.UTF_8);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (!"https".equalsIgnoreCase(target.baseUrl().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        String credentialHeader = target.credentialHeader().toLowerCase(Locale.ROOT);
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!RESERVED_HEADERS.contains(lower) && !lower.equals(credentialHeader)) {
                builder.header(name, value);
            }
        });
        if (!target.credentialInQuery()) {
            builder.header(target.credentialHeader(), target.credentialValue());
        }
        if (request.body().isPresent()) {
            builder.header("Content-Type", request.bodyType());
            builder.method(
                    request.method(),
                    HttpRequest.BodyPublishers.ofString(request.body().get()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<LimitedBody.Body> response = http.send(builder.build(), bodies);
            if (response.body() instanceof LimitedBody.Body.TooLarge tooLarge) {
                throw new UpstreamResponseTooLargeException(
                        capitalized(apiName) + " answered HTTP " + response.statusCode() + " with more than "
                                + bytes(maxResponseBytes) + ", more than this server reads; it was not read to the"
                                + " end. Ask for less: a smaller limit, a shorter time range, or fewer fields.",
                        response.statusCode());
            }
            String text = ((LimitedBody.Body.Text) response.body()).text();
            // An API that echoes the key back (in an error message, say) must not leak it further.
            String body = text.replace(target.secret(), "[redacted]");
            return new UpstreamResponse(
                    response.statusCode(), response.headers().map(), body);
        } catch (HttpConnectTimeoutException e) {
            throw new UpstreamUnavailableException(
                    "Could not connect to " + apiName + " at " + displayUrl + " within " + seconds(connectTimeout)
                            + ".",
                    false);
        } catch (HttpTimeoutException e) {
            throw new UpstreamUnavailableException(
                    capitalized(apiName) + " did not answer within " + seconds(readTimeout) + ".", true);
        } catch (ConnectException e) {
            throw new UpstreamUnavailableException(
                    "Could not connect to " + apiName + " at " + displayUrl
                            + " (connection refused or host unreachable).",
                    false);
        } catch (IOException e) {
            throw new UpstreamUnavailableException(
                    "The connection to " + apiName + " at " + displayUrl + " failed ("
                            + e.getClass().getSimpleName() + ").",
                    true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException(
                    "The request to " + apiName + " was interrupted because the server is shutting down.", true);
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

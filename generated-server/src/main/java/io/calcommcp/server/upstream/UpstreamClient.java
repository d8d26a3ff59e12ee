package io.calcommcp.server.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Sends {@link UpstreamRequest}s to the configured base URL with the configured API key.
 *
 * <p>The API key is only ever placed in the {@code Authorization} header here; it is never
 * taken from tool arguments and never appears in exceptions, results or logs. One instance is
 * shared by all tool calls: {@link HttpClient} pools connections and is thread-safe.
 */
public final class UpstreamClient {

    // Headers the server owns: a tool definition or argument must never override credentials.
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "host", "content-length");

    private final HttpClient http;
    private final String baseUrl;
    // The base URL as DisplayUrl shows it, for messages: a URL can carry credentials.
    private final String displayUrl;
    private final String apiKey;
    private final String authorization;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;

    /**
     * @param baseUrl the API's base URL, such as {@code https://api.cal.com}; request paths are appended to it
     * @param apiKey the API key sent as {@code Authorization: Bearer <apiKey>}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the answer once the request is sent
     * @param userAgent the {@code User-Agent} header value
     */
    public UpstreamClient(URI baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout, String userAgent) {
        Objects.requireNonNull(apiKey, "apiKey");
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.displayUrl = DisplayUrl.of(baseUrl);
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("The Cal.com API key is empty");
        }
        this.apiKey = apiKey;
        this.authorization = "Bearer " + apiKey;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // HTTP/2 for https (negotiated by ALPN); plain http stays on HTTP/1.1 because an
                // h2c upgrade attempt confuses some local proxies and fakes.
                .version(
                        "https".equalsIgnoreCase(baseUrl.getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends the request and returns whatever status the API answered with.
     *
     * @throws UpstreamUnavailableException if no HTTP answer arrived (refused, timed out, broken)
     */
    public UpstreamResponse send(UpstreamRequest request) throws UpstreamUnavailableException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        request.headers().forEach((name, value) -> {
            if (!RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        builder.header("Authorization", authorization);
        if (request.jsonBody().isPresent()) {
            builder.header("Content-Type", "application/json");
            builder.method(
                    request.method(),
                    HttpRequest.BodyPublishers.ofString(request.jsonBody().get()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response =
                    http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // An API that echoes the key back (in an error message, say) must not leak it further.
            String body = response.body().replace(apiKey, "[redacted]");
            return new UpstreamResponse(
                    response.statusCode(), response.headers().map(), body);
        } catch (HttpConnectTimeoutException e) {
            throw new UpstreamUnavailableException(
                    UpstreamUnavailableException.Reason.TIMEOUT,
                    "Could not connect to the Cal.com API at " + displayUrl + " within " + seconds(connectTimeout)
                            + ".");
        } catch (HttpTimeoutException e) {
            throw new UpstreamUnavailableException(
                    UpstreamUnavailableException.Reason.TIMEOUT,
                    "The Cal.com API did not answer within " + seconds(readTimeout) + ".");
        } catch (ConnectException e) {
            throw new UpstreamUnavailableException(
                    UpstreamUnavailableException.Reason.CONNECTION_FAILED,
                    "Could not connect to the Cal.com API at " + displayUrl
                            + " (connection refused or host unreachable).");
        } catch (IOException e) {
            throw new UpstreamUnavailableException(
                    UpstreamUnavailableException.Reason.NETWORK_ERROR,
                    "The connection to the Cal.com API at " + displayUrl + " failed ("
                            + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException(
                    UpstreamUnavailableException.Reason.NETWORK_ERROR,
                    "The request to the Cal.com API was interrupted because the server is shutting down.");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}

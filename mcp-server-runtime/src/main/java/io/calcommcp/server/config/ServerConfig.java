package io.calcommcp.server.config;

import io.calcommcp.server.upstream.DisplayUrl;
import io.calcommcp.toolapi.ToolExposure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the server needs to run, read from flags and environment by {@link
 * io.calcommcp.server.cli.ConfigReader}.
 *
 * @param apiKey the API key of the single-key mode's implicit account, served at {@code /mcp};
 *     without one, only scoped URLs serve; sent upstream only, never logged or returned
 * @param apiKeyVariable the environment variable the key came from, to name it in messages
 * @param upstream the API's base URL
 * @param connectTimeout how long to wait for a connection to the API
 * @param readTimeout how long to wait for the API's answer
 * @param host the address the HTTP server binds to
 * @param port the HTTP port; 0 picks a free one
 * @param allowedHosts extra {@code Host} header values accepted besides loopback names
 * @param allowedOrigins extra {@code Origin} header values accepted besides loopback origins
 * @param publicUrl the URL clients use when the server sits behind a proxy or tunnel
 * @param maxResultBytes the largest tool result, in bytes of JSON; longer lists are cut between records
 * @param toolExposure how {@code /mcp} and stdio show the tools (scoped URLs have their own)
 * @param limits how much work a request, a client and a URL may cause
 * @param searchTools whether the server's {@code search} and {@code fetch} tools are served (where
 *     the profile names something to search and the caller's scope may list it)
 * @param trustForwardedHeaders whether a reverse proxy's {@code Forwarded} and {@code X-Forwarded-*}
 *     headers say who the client is: only when every request comes through a proxy that sets them,
 *     since a client could otherwise claim any address
 * @param oauth the authorization server of {@code serve --oauth}; empty without it
 */
public record ServerConfig(
        Optional<String> apiKey,
        String apiKeyVariable,
        URI upstream,
        Duration connectTimeout,
        Duration readTimeout,
        String host,
        int port,
        List<String> allowedHosts,
        List<String> allowedOrigins,
        Optional<URI> publicUrl,
        int maxResultBytes,
        ToolExposure toolExposure,
        RequestLimits limits,
        boolean searchTools,
        boolean trustForwardedHeaders,
        Optional<OAuthConfig> oauth) {

    /** Loopback: reachable only from this machine until a proxy, a tunnel or {@code 0.0.0.0} says otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public static final int DEFAULT_PORT = 8080;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /** 100 KiB: a page of 100 bookings fits; a model's context is not flooded by one call. */
    public static final int DEFAULT_MAX_RESULT_BYTES = 100 * 1024;

    /** Smaller caps would cut most single records. */
    public static final int MIN_MAX_RESULT_BYTES = 1024;

    public static final int MAX_MAX_RESULT_BYTES = 100 * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(host, "host");
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(toolExposure, "toolExposure");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(oauth, "oauth");
        if (maxResultBytes < MIN_MAX_RESULT_BYTES || maxResultBytes > MAX_MAX_RESULT_BYTES) {
            throw new IllegalArgumentException("maxResultBytes must be from " + MIN_MAX_RESULT_BYTES + " to "
                    + MAX_MAX_RESULT_BYTES + ", not " + maxResultBytes);
        }
    }

    /**
     * A configuration with the search tools on, no forwarded headers trusted and no OAuth: the
     * defaults of everything this constructor does not name.
     */
    public ServerConfig(
            Optional<String> apiKey,
            String apiKeyVariable,
            URI upstream,
            Duration connectTimeout,
            Duration readTimeout,
            String host,
            int port,
            List<String> allowedHosts,
            List<String> allowedOrigins,
            Optional<URI> publicUrl,
            int maxResultBytes,
            ToolExposure toolExposure,
            RequestLimits limits) {
        this(
                apiKey,
                apiKeyVariable,
                upstream,
                connectTimeout,
                readTimeout,
                host,
                port,
                allowedHosts,
                allowedOrigins,
                publicUrl,
                maxResultBytes,
                toolExposure,
                limits,
                true,
                false,
                Optional.empty());
    }

    /**
     * A loopback configuration for tests and embedding: 127.0.0.1, a free port, default timeouts.
     *
     * @param apiKeyVariable where the key came from, as messages name it
     */
    public static ServerConfig local(String apiKeyVariable, String apiKey, URI upstream) {
        return new ServerConfig(
                Optional.of(apiKey),
                apiKeyVariable,
                upstream,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT,
                DEFAULT_HOST,
                0,
                List.of(),
                List.of(),
                Optional.empty(),
                DEFAULT_MAX_RESULT_BYTES,
                ToolExposure.ALL,
                RequestLimits.defaults());
    }

    /** A copy with other timeouts. */
    public ServerConfig withTimeouts(Duration connect, Duration read) {
        return copy(c -> {
            c.connectTimeout = connect;
            c.readTimeout = read;
        });
    }

    /** A copy with another cap on result size. */
    public ServerConfig withMaxResultBytes(int bytes) {
        return copy(c -> c.maxResultBytes = bytes);
    }

    /** A copy that shows the tools another way. */
    public ServerConfig withToolExposure(ToolExposure exposure) {
        return copy(c -> c.toolExposure = exposure);
    }

    /** A copy with other request limits. */
    public ServerConfig withLimits(RequestLimits other) {
        return copy(c -> c.limits = other);
    }

    /** A copy with the search tools on or off. */
    public ServerConfig withSearchTools(boolean on) {
        return copy(c -> c.searchTools = on);
    }

    /** A copy that trusts a reverse proxy's forwarding headers, or not. */
    public ServerConfig withTrustForwardedHeaders(boolean trust) {
        return copy(c -> c.trustForwardedHeaders = trust);
    }

    /**
     * A copy that serves {@code /mcp} as an OAuth-protected resource (or not, for empty), with the
     * issuer as its public URL.
     */
    public ServerConfig withOAuth(Optional<OAuthConfig> settings) {
        return copy(c -> {
            c.publicUrl = settings.map(OAuthConfig::issuer).or(() -> publicUrl);
            c.oauth = settings;
        });
    }

    /** This configuration with what {@code change} sets changed: the one place every wither copies through. */
    private ServerConfig copy(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The fields of a configuration, to change some of them and build the copy. */
    private static final class Copy {
        Optional<String> apiKey;
        String apiKeyVariable;
        URI upstream;
        Duration connectTimeout;
        Duration readTimeout;
        String host;
        int port;
        List<String> allowedHosts;
        List<String> allowedOrigins;
        Optional<URI> publicUrl;
        int maxResultBytes;
        ToolExposure toolExposure;
        RequestLimits limits;
        boolean searchTools;
        boolean trustForwardedHeaders;
        Optional<OAuthConfig> oauth;

        Copy(ServerConfig c) {
            apiKey = c.apiKey;
            apiKeyVariable = c.apiKeyVariable;
            upstream = c.upstream;
            connectTimeout = c.connectTimeout;
            readTimeout = c.readTimeout;
            host = c.host;
            port = c.port;
            allowedHosts = c.allowedHosts;
            allowedOrigins = c.allowedOrigins;
            publicUrl = c.publicUrl;
            maxResultBytes = c.maxResultBytes;
            toolExposure = c.toolExposure;
            limits = c.limits;
            searchTools = c.searchTools;
            trustForwardedHeaders = c.trustForwardedHeaders;
            oauth = c.oauth;
        }

        ServerConfig build() {
            return new ServerConfig(
                    apiKey,
                    apiKeyVariable,
                    upstream,
                    connectTimeout,
                    readTimeout,
                    host,
                    port,
                    allowedHosts,
                    allowedOrigins,
                    publicUrl,
                    maxResultBytes,
                    toolExposure,
                    limits,
                    searchTools,
                    trustForwardedHeaders,
                    oauth);
        }
    }

    /** Never prints the API key, nor credentials or tokens in the URLs (see {@link DisplayUrl}). */
    @Override
    public String toString() {
        return "ServerConfig[upstream=" + DisplayUrl.of(upstream) + ", host=" + host + ", port=" + port + ", publicUrl="
                + publicUrl.map(DisplayUrl::of).orElse("none") + ", oauth=" + oauth.isPresent() + ", searchTools="
                + searchTools
                + ", apiKey=<redacted>]";
    }
}

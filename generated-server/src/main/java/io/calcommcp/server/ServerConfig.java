package io.calcommcp.server;

import io.calcommcp.server.upstream.DisplayUrl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server needs to run, read from flags and environment by
 * {@link io.calcommcp.server.cli.ConfigReader}.
 *
 * @param apiKey the Cal.com API key; sent upstream only, never logged or returned
 * @param upstream the Cal.com API base URL
 * @param connectTimeout how long to wait for a connection to the API
 * @param readTimeout how long to wait for the API's answer
 * @param host the address the HTTP server binds to
 * @param port the HTTP port; 0 picks a free one
 * @param allowedHosts extra {@code Host} header values accepted besides loopback names
 * @param allowedOrigins extra {@code Origin} header values accepted besides loopback origins
 * @param publicUrl the URL clients use when the server sits behind a proxy or tunnel
 */
public record ServerConfig(
        String apiKey,
        URI upstream,
        Duration connectTimeout,
        Duration readTimeout,
        String host,
        int port,
        List<String> allowedHosts,
        List<String> allowedOrigins,
        Optional<URI> publicUrl) {

    /** The Cal.com API everyone uses. */
    public static final URI DEFAULT_UPSTREAM = URI.create("https://api.cal.com");

    public ServerConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(host, "host");
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(publicUrl, "publicUrl");
    }

    /** A loopback configuration for tests and embedding: 127.0.0.1, a free port, default timeouts. */
    public static ServerConfig local(String apiKey, URI upstream) {
        return new ServerConfig(
                apiKey,
                upstream,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                "127.0.0.1",
                0,
                List.of(),
                List.of(),
                Optional.empty());
    }

    /** A copy with other timeouts. */
    public ServerConfig withTimeouts(Duration connect, Duration read) {
        return new ServerConfig(apiKey, upstream, connect, read, host, port, allowedHosts, allowedOrigins, publicUrl);
    }

    /** Never prints the API key, nor credentials or tokens in the URLs (see {@link DisplayUrl}). */
    @Override
    public String toString() {
        return "ServerConfig[upstream=" + DisplayUrl.of(upstream) + ", host=" + host + ", port=" + port + ", publicUrl="
                + publicUrl.map(DisplayUrl::of).orElse("none") + ", apiKey=<redacted>]";
    }
}

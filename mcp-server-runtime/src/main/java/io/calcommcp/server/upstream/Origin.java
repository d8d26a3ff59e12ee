package io.calcommcp.server.upstream;

import java.net.URI;
import java.util.Locale;

/**
 * Where connections go: scheme, host and port of an API's base URL. Connections are pooled per
 * origin, and a request's target is the base URL's path followed by the route's path.
 *
 * @param host the host as a socket connects to it (an IPv6 literal without its brackets)
 * @param hostHeader the {@code Host} header: the host, and the port unless it is the scheme's own
 */
record Origin(boolean tls, String host, int port, String hostHeader) {

    /**
     * The origin of {@code baseUrl}.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL with a host
     */
    static Origin of(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The API's base URL must start with http:// or https://");
        }
        String host = baseUrl.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("The API's base URL has no host");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = baseUrl.getPort() < 0 ? defaultPort : baseUrl.getPort();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new Origin(tls, bare, port, port == defaultPort ? host : host + ":" + port);
    }

    /** The base URL's path without a trailing slash: what every request target starts with. */
    static String basePath(URI baseUrl) {
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

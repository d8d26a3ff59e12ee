package io.calcommcp.server.oauth;

import io.calcommcp.server.oauth.client.ClientMetadataDocuments;
import io.calcommcp.server.oauth.client.RedirectPolicy;
import io.calcommcp.toolapi.VendorProfile;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the authorization server behaves: its issuer (the server's public URL, whose {@code /mcp} is
 * the protected resource), which redirect URIs clients may register, how client metadata
 * documents are fetched, the rate limits, and how long tokens live.
 *
 * @param issuer the public URL, an origin such as {@code https://mcp.example.com}; see {@link
 *     #checkPublicUrl}
 * @param redirects which redirect URIs clients may have
 * @param documents how client metadata documents are fetched
 * @param rateLimits requests per client address and minute
 * @param accessTokenLifetime how long an access token works
 * @param refreshTokenLifetime how long a refresh token works, if not used (each use rotates it)
 * @param vendor the API's name and where a person gets a key, for the consent page
 */
public record OAuthSettings(
        URI issuer,
        RedirectPolicy redirects,
        ClientMetadataDocuments.Limits documents,
        RateLimits rateLimits,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        VendorProfile vendor) {

    /** How long an authorization code works: once, within this time. */
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    /** How long a consent page may stay open before its form is refused as stale. */
    public static final Duration CONSENT_FORM_LIFETIME = Duration.ofMinutes(30);

    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    public static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

    public OAuthSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(redirects, "redirects");
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(vendor, "vendor");
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
            throw new IllegalArgumentException("the access token lifetime must be positive");
        }
        if (refreshTokenLifetime.compareTo(accessTokenLifetime) < 0) {
            throw new IllegalArgumentException("a refresh token must live at least as long as an access token");
        }
        issuer = checkPublicUrl(issuer.toString());
    }

    /** The defaults for a server at {@code publicUrl}. */
    public static OAuthSettings of(URI publicUrl, VendorProfile vendor) {
        return new OAuthSettings(
                publicUrl,
                RedirectPolicy.anyHttpsHost(),
                ClientMetadataDocuments.Limits.defaults(),
                RateLimits.defaults(),
                DEFAULT_ACCESS_TOKEN_LIFETIME,
                DEFAULT_REFRESH_TOKEN_LIFETIME,
                vendor);
    }

    public OAuthSettings withRedirects(RedirectPolicy value) {
        return new OAuthSettings(
                issuer, value, documents, rateLimits, accessTokenLifetime, refreshTokenLifetime, vendor);
    }

    public OAuthSettings withDocuments(ClientMetadataDocuments.Limits value) {
        return new OAuthSettings(
                issuer, redirects, value, rateLimits, accessTokenLifetime, refreshTokenLifetime, vendor);
    }

    public OAuthSettings withRateLimits(RateLimits value) {
        return new OAuthSettings(
                issuer, redirects, documents, value, accessTokenLifetime, refreshTokenLifetime, vendor);
    }

    public OAuthSettings withLifetimes(Duration access, Duration refresh) {
        return new OAuthSettings(issuer, redirects, documents, rateLimits, access, refresh, vendor);
    }

    /**
     * Checks and normalizes a public URL: {@code https}, or {@code http} for a loopback host
     * (tests, local use); an origin without path, query, fragment or user info (the metadata's
     * well-known paths sit at the host's root).
     *
     * @return the URL as {@code scheme://host[:port]}, lower case, without a default port
     * @throws IllegalArgumentException saying what is wrong and how to write it
     */
    public static URI checkPublicUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL such as https://mcp.example.com");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("'" + text + "' is not an https URL such as https://mcp.example.com");
        }
        if (scheme.equals("http") && !RedirectPolicy.isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("'" + text + "' uses http, which is allowed only for a loopback host"
                    + " (127.0.0.1, [::1], localhost): OAuth tokens and keys must travel over https");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("'" + text + "' has a path; give the origin only, such as " + scheme
                    + "://" + uri.getRawAuthority() + " (the MCP endpoint is its /mcp)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + text + "' must have no query, fragment or user info");
        }
        return canonical(uri);
    }

    /** The protected resource: {@code <issuer>/mcp}. */
    public URI resource() {
        return URI.create(issuer + OAuthPaths.RESOURCE);
    }

    /** The URL of the RFC 9728 metadata of {@link #resource()}. */
    public URI resourceMetadataUrl() {
        return endpoint(OAuthPaths.PROTECTED_RESOURCE_METADATA);
    }

    /** The public URL of one of the {@link OAuthPaths}. */
    public URI endpoint(String path) {
        return URI.create(issuer + path);
    }

    /** Whether cookies must be {@code Secure} (an https issuer). */
    boolean secure() {
        return issuer.getScheme().equals("https");
    }

    /**
     * {@code uri} in the form resources are compared in: scheme and host lower case, no default
     * port, no trailing slash, no query or fragment.
     */
    static URI canonical(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port) + path);
    }

    /** Whether {@code given} names the protected resource, in whatever equivalent spelling. */
    boolean isResource(URI given) {
        if (!given.isAbsolute() || given.getHost() == null || given.getRawQuery() != null) {
            return false;
        }
        return canonical(given).equals(resource());
    }
}

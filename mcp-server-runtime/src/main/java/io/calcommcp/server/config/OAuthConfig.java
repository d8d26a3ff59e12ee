package io.calcommcp.server.config;

import io.calcommcp.server.oauth.client.RedirectPolicy;
import java.net.URI;
import java.util.Objects;

/**
 * How {@code serve --oauth} runs its authorization server: {@code /mcp} then demands an OAuth
 * access token, which a person's consent gives a client.
 *
 * @param issuer the public URL, checked already: {@code https} (or {@code http} on loopback), an
 *     origin without a path; the protected resource is its {@code /mcp}
 * @param redirects which redirect URIs clients may register
 * @param allowPrivateClientMetadata whether client metadata documents may be fetched from loopback
 *     and private addresses and over plain {@code http}: for tests on one machine only, since it lets
 *     any client make the server fetch from the networks it can reach
 */
public record OAuthConfig(URI issuer, RedirectPolicy redirects, boolean allowPrivateClientMetadata) {

    public OAuthConfig {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(redirects, "redirects");
    }
}

package io.calcommcp.server.oauth;

import io.calcommcp.server.oauth.client.OAuthClient;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization request that passed every check: a known client, one of its redirect URIs, the
 * code flow, a PKCE S256 challenge and this server's resource.
 *
 * @param client the client that asks
 * @param redirectUri where the answer goes
 * @param state the client's state, returned with the answer
 * @param codeChallenge the PKCE S256 challenge
 * @param resource the protected resource the tokens will be for
 * @param parameters the request's parameters as the consent form carries them (and signs)
 */
record ValidAuthorization(
        OAuthClient client,
        URI redirectUri,
        Optional<String> state,
        String codeChallenge,
        URI resource,
        Map<String, String> parameters) {

    ValidAuthorization {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(resource, "resource");
        parameters = Map.copyOf(parameters);
    }
}

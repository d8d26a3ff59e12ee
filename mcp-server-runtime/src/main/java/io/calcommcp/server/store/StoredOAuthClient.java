package io.calcommcp.server.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client that registered itself through the registration endpoint (RFC 7591). It is public: it
 * has no secret, so its id identifies it and its redirect URIs are what keeps a code from going
 * elsewhere.
 *
 * @param clientId the id the server gave it
 * @param name the name it gave, shown on the consent page
 * @param redirectUris where its codes may go; an authorization request names one of them exactly
 * @param createdAt when it registered
 */
public record StoredOAuthClient(
        String clientId, Optional<String> name, List<String> redirectUris, java.time.Instant createdAt) {

    public StoredOAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(name, "name");
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

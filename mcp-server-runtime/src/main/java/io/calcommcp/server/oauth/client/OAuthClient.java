package io.calcommcp.server.oauth.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth client as the authorization server knows it: public (no secret), with the redirect URIs
 * its codes may go to.
 *
 * @param clientId its id: one the server gave it, or the URL of its metadata document
 * @param name the name it gives itself; unverified, so the consent page shows where the person
 *     returns to beside it
 * @param redirectUris the redirect URIs it may use, each matched exactly
 * @param kind how the server knows it
 */
public record OAuthClient(String clientId, Optional<String> name, List<String> redirectUris, Kind kind) {

    /** How the server knows a client. */
    public enum Kind {
        /** It registered itself at the registration endpoint (RFC 7591). */
        REGISTERED,
        /** Its id is the https URL of its metadata document, fetched from there. */
        METADATA_DOCUMENT
    }

    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(name, "name");
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether {@code redirectUri} is exactly one of the client's. */
    public boolean allowsRedirect(String redirectUri) {
        return redirectUris.contains(redirectUri);
    }
}

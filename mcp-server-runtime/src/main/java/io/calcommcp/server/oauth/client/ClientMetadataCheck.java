package io.calcommcp.server.oauth.client;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every client's metadata meets, whether it registered or published a metadata
 * document: public (token endpoint authentication {@code none}), the authorization code grant with
 * refresh tokens only, one to ten redirect URIs that the {@link RedirectPolicy} allows, and a name
 * a consent page can show.
 */
public final class ClientMetadataCheck {

    /** The most redirect URIs one client may have. */
    public static final int MAX_REDIRECT_URIS = 10;

    /** The longest client name. */
    public static final int MAX_NAME = 200;

    private static final Set<GrantType> GRANT_TYPES = Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);

    private ClientMetadataCheck() {}

    /** What the server keeps of accepted metadata. */
    public record Accepted(Optional<String> name, List<String> redirectUris) {
        public Accepted {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    /** The outcome: accepted, or refused with the registration error to answer. */
    public sealed interface Outcome {
        /** The metadata meets the rules. */
        record Passed(Accepted accepted) implements Outcome {}

        /** It does not, for the reason the error's description gives. */
        record Failed(ErrorObject error) implements Outcome {}
    }

    /**
     * Checks {@code metadata}.
     *
     * @param fromDocument whether it is a published metadata document, which must itself say
     *     {@code none} if it names an authentication method; a registration asking for a secret is
     *     registered as public instead (RFC 7591 lets the server choose), since the server issues
     *     none
     */
    public static Outcome check(ClientMetadata metadata, RedirectPolicy policy, boolean fromDocument) {
        Set<String> redirects = metadata.getRedirectionURIStrings();
        if (redirects == null || redirects.isEmpty()) {
            return invalidRedirect("redirect_uris is required: give the URI the code goes back to");
        }
        if (redirects.size() > MAX_REDIRECT_URIS) {
            return invalidRedirect("redirect_uris has " + redirects.size() + " entries; at most " + MAX_REDIRECT_URIS
                    + " are allowed");
        }
        List<String> accepted = new ArrayList<>();
        for (String uri : redirects) {
            Optional<String> problem = policy.problem(uri);
            if (problem.isPresent()) {
                return invalidRedirect("redirect URI " + uri + " " + problem.get());
            }
            accepted.add(uri);
        }
        Set<GrantType> grants = metadata.getGrantTypes();
        if (grants != null && (!GRANT_TYPES.containsAll(grants) || !grants.contains(GrantType.AUTHORIZATION_CODE))) {
            return invalidMetadata("grant_types must be authorization_code, optionally with refresh_token");
        }
        Set<ResponseType> responses = metadata.getResponseTypes();
        if (responses != null && !Set.of(ResponseType.CODE).containsAll(responses)) {
            return invalidMetadata("response_types must be code");
        }
        ClientAuthenticationMethod method = metadata.getTokenEndpointAuthMethod();
        if (fromDocument && method != null && !ClientAuthenticationMethod.NONE.equals(method)) {
            return invalidMetadata("token_endpoint_auth_method must be none: this server has public clients only");
        }
        if (fromDocument && metadata.getCustomFields().containsKey("client_secret")) {
            return invalidMetadata("a metadata document must not hold a client_secret");
        }
        Optional<String> name = Optional.ofNullable(metadata.getName()).map(String::strip);
        if (name.isPresent()) {
            if (name.get().length() > MAX_NAME) {
                return invalidMetadata("client_name is longer than " + MAX_NAME + " characters");
            }
            if (name.get().chars().anyMatch(Character::isISOControl)) {
                return invalidMetadata("client_name must not contain control characters");
            }
            if (name.get().isEmpty()) {
                name = Optional.empty();
            }
        }
        return new Outcome.Passed(new Accepted(name, accepted));
    }

    private static Outcome invalidRedirect(String description) {
        return new Outcome.Failed(RegistrationError.INVALID_REDIRECT_URI.setDescription(OAuthText.legal(description)));
    }

    private static Outcome invalidMetadata(String description) {
        return new Outcome.Failed(
                RegistrationError.INVALID_CLIENT_METADATA.setDescription(OAuthText.legal(description)));
    }
}

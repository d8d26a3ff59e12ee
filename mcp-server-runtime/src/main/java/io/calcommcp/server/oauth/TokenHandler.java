package io.calcommcp.server.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.store.OAuthGrants;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.Tokens;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The token endpoint, for public clients: the authorization code grant with PKCE S256, and the
 * refresh token grant. A code works once, within 60 seconds, for the client and redirect URI it was
 * issued to and the verifier of its challenge; any failed check spends it and revokes the
 * consent it carried, and a code presented a second time revokes the grant and every token the
 * first use gave. A refresh token is rotated on every use; presenting a rotated one again (a
 * replay, or a stolen copy racing the client) revokes the whole grant. Every refusal is an OAuth
 * error as JSON.
 */
final class TokenHandler extends PublicPostEndpoint {

    /** The largest token request. */
    static final int MAX_BODY = 8 * 1024;

    private final OAuthSettings settings;
    private final Supplier<Store> stores;
    private final GrantPruning pruning;
    private final StructuredLog log;
    private final Clock clock;

    TokenHandler(
            OAuthSettings settings,
            Supplier<Store> stores,
            AddressRateLimiter limiter,
            GrantPruning pruning,
            StructuredLog log,
            Clock clock) {
        super(limiter, log, "token");
        this.settings = settings;
        this.stores = stores;
        this.pruning = pruning;
        this.log = log;
        this.clock = clock;
    }

    @Override
    void answer(Request request, Response response, Callback callback) {
        // Before answering, so that the client's next request finds the pruning done.
        pruning.maybePrune();
        respond(request, response, callback);
    }

    private void respond(Request request, Response response, Callback callback) {
        TokenRequest token;
        try {
            String body = OAuthHttp.body(request, MAX_BODY);
            token = TokenRequest.parse(OAuthHttp.nimbusRequest(request, settings.endpoint(OAuthPaths.TOKEN), body));
        } catch (OAuthHttp.BodyTooLargeException | IOException e) {
            refuse(
                    response,
                    callback,
                    OAuth2Error.INVALID_REQUEST,
                    "The token request could not be read (at most " + MAX_BODY + " bytes).");
            return;
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            refuse(response, callback, error, e.getMessage());
            return;
        }
        if (token.getClientAuthentication() != null) {
            refuse(
                    response,
                    callback,
                    OAuth2Error.INVALID_CLIENT,
                    "This server's clients are public: send client_id, and no secret or assertion.");
            return;
        }
        if (token.getClientID() == null) {
            refuse(response, callback, OAuth2Error.INVALID_REQUEST, "client_id is required.");
            return;
        }
        List<URI> resources = token.getResources();
        if (resources != null && resources.stream().anyMatch(r -> !settings.isResource(r))) {
            refuse(
                    response,
                    callback,
                    OAuth2Error.INVALID_TARGET,
                    "This server issues tokens only for the resource " + settings.resource() + ".");
            return;
        }
        String clientId = token.getClientID().getValue();
        AuthorizationGrant grant = token.getAuthorizationGrant();
        if (grant instanceof AuthorizationCodeGrant code) {
            exchangeCode(response, callback, clientId, code);
        } else if (grant instanceof RefreshTokenGrant refresh) {
            refresh(response, callback, clientId, refresh.getRefreshToken().getValue());
        } else {
            refuse(
                    response,
                    callback,
                    OAuth2Error.UNSUPPORTED_GRANT_TYPE,
                    "grant_type must be authorization_code or refresh_token.");
        }
    }

    private void exchangeCode(Response response, Callback callback, String clientId, AuthorizationCodeGrant code) {
        OAuthGrants grants = stores.get().oauthGrants();
        String value = code.getAuthorizationCode().getValue();
        OAuthGrants.CodeUse use =
                Tokens.looksLikeToken(value) ? grants.useCode(value) : new OAuthGrants.CodeUse.Unknown();
        if (use instanceof OAuthGrants.CodeUse.Unknown) {
            refuse(response, callback, OAuth2Error.INVALID_GRANT, "The code is unknown, or its grant was revoked.");
            return;
        }
        if (use instanceof OAuthGrants.CodeUse.Again again) {
            grants.revoke(again.grantId());
            log.warn("oauth_code_reused", f -> f.put("grant", again.grantId()));
            refuse(
                    response,
                    callback,
                    OAuth2Error.INVALID_GRANT,
                    "The code was used before; the grant and every token issued for it are revoked. Connect again.");
            return;
        }
        OAuthGrants.CodeUse.First first = (OAuthGrants.CodeUse.First) use;
        String grantId = first.grant().id();
        Optional<String> problem = codeProblem(first, clientId, code);
        if (problem.isPresent()) {
            // The code is spent either way; the consent it carried, with the key, goes with it.
            grants.revoke(grantId);
            log.warn("oauth_code_refused", f -> f.put("grant", grantId));
            refuse(response, callback, OAuth2Error.INVALID_GRANT, problem.get());
            return;
        }
        Optional<OAuthGrants.IssuedTokens> issued =
                grants.issueTokens(grantId, settings.accessTokenLifetime(), settings.refreshTokenLifetime());
        if (issued.isEmpty()) {
            refuse(response, callback, OAuth2Error.INVALID_GRANT, "The grant was revoked.");
            return;
        }
        log.info("oauth_tokens_issued", f -> f.put("grant", grantId).put("grant_type", "authorization_code"));
        tokens(response, callback, issued.get());
    }

    private Optional<String> codeProblem(
            OAuthGrants.CodeUse.First first, String clientId, AuthorizationCodeGrant code) {
        if (first.isExpired(clock.instant())) {
            return Optional.of("The code has expired: codes work for " + OAuthSettings.CODE_LIFETIME.toSeconds()
                    + " seconds. Connect again.");
        }
        if (!first.grant().clientId().equals(clientId)) {
            return Optional.of("The code was issued to another client.");
        }
        if (code.getRedirectionURI() != null
                && !code.getRedirectionURI().toString().equals(first.redirectUri())) {
            return Optional.of("redirect_uri is not the one the code was issued for.");
        }
        if (!settings.isResource(URI.create(first.grant().resource()))) {
            return Optional.of("The code was issued for another resource.");
        }
        if (code.getCodeVerifier() == null) {
            return Optional.of("code_verifier is required (PKCE).");
        }
        String computed = CodeChallenge.compute(CodeChallengeMethod.S256, code.getCodeVerifier())
                .getValue();
        if (!MessageDigest.isEqual(
                computed.getBytes(StandardCharsets.US_ASCII),
                first.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("code_verifier does not match the code_challenge of the authorization request.");
        }
        return Optional.empty();
    }

    private void refresh(Response response, Callback callback, String clientId, String refreshToken) {
        OAuthGrants grants = stores.get().oauthGrants();
        Optional<OAuthGrants.StoredOAuthToken> stored = Tokens.looksLikeToken(refreshToken)
                ? grants.findToken(refreshToken).filter(t -> t.kind() == OAuthGrants.TokenKind.REFRESH)
                : Optional.empty();
        if (stored.isEmpty()) {
            refuse(
                    response,
                    callback,
                    OAuth2Error.INVALID_GRANT,
                    "The refresh token is unknown, or its grant was revoked. Connect again.");
            return;
        }
        String grantId = stored.get().grant().id();
        if (!stored.get().grant().clientId().equals(clientId)) {
            refuse(response, callback, OAuth2Error.INVALID_GRANT, "The refresh token was issued to another client.");
            return;
        }
        if (stored.get().rotatedAt().isPresent()) {
            reused(response, callback, grants, grantId);
            return;
        }
        if (stored.get().isExpired(clock.instant())) {
            refuse(response, callback, OAuth2Error.INVALID_GRANT, "The refresh token has expired. Connect again.");
            return;
        }
        if (!settings.isResource(URI.create(stored.get().grant().resource()))) {
            refuse(response, callback, OAuth2Error.INVALID_GRANT, "The refresh token is for another resource.");
            return;
        }
        OAuthGrants.Rotation rotation =
                grants.rotate(refreshToken, settings.accessTokenLifetime(), settings.refreshTokenLifetime());
        if (rotation instanceof OAuthGrants.Rotation.Rotated rotated) {
            log.info("oauth_tokens_issued", f -> f.put("grant", grantId).put("grant_type", "refresh_token"));
            tokens(response, callback, rotated.tokens());
        } else if (rotation instanceof OAuthGrants.Rotation.AlreadyRotated) {
            reused(response, callback, grants, grantId);
        } else {
            refuse(response, callback, OAuth2Error.INVALID_GRANT, "The grant was revoked. Connect again.");
        }
    }

    private void reused(Response response, Callback callback, OAuthGrants grants, String grantId) {
        grants.revoke(grantId);
        log.warn("oauth_refresh_token_reused", f -> f.put("grant", grantId));
        refuse(
                response,
                callback,
                OAuth2Error.INVALID_GRANT,
                "The refresh token was used before; the grant and all its tokens are revoked. Connect again.");
    }

    private void tokens(Response response, Callback callback, OAuthGrants.IssuedTokens issued) {
        long lifetime = Math.max(
                1, Duration.between(clock.instant(), issued.accessExpiresAt()).toSeconds());
        AccessTokenResponse answer = new AccessTokenResponse(new com.nimbusds.oauth2.sdk.token.Tokens(
                new BearerAccessToken(issued.accessToken(), lifetime, null), new RefreshToken(issued.refreshToken())));
        OAuthHttp.json(response, callback, 200, answer.toJSONObject().toJSONString());
    }

    private static void refuse(Response response, Callback callback, ErrorObject error, String description) {
        int status = OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode()) ? 401 : 400;
        OAuthHttp.error(response, callback, OAuthHttp.error(error, description, status));
    }
}

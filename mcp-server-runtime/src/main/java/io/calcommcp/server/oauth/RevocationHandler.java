package io.calcommcp.server.oauth;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.store.OAuthGrants;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.Tokens;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Token revocation (RFC 7009), for public clients identified by {@code client_id}. Revoking a
 * refresh token revokes its whole grant (the client is disconnecting: the person's key goes with
 * it); revoking an access token ends that token only. A token that is unknown, or another
 * client's, is answered like a revoked one (200), as RFC 7009 asks, so the answer tells nothing
 * about other clients' tokens.
 */
final class RevocationHandler extends PublicPostEndpoint {

    static final int MAX_BODY = 8 * 1024;

    private final OAuthSettings settings;
    private final Supplier<Store> stores;
    private final StructuredLog log;

    RevocationHandler(OAuthSettings settings, Supplier<Store> stores, AddressRateLimiter limiter, StructuredLog log) {
        super(limiter, log, "revocation");
        this.settings = settings;
        this.stores = stores;
        this.log = log;
    }

    @Override
    void answer(Request request, Response response, Callback callback) {
        TokenRevocationRequest revocation;
        try {
            String body = OAuthHttp.body(request, MAX_BODY);
            revocation = TokenRevocationRequest.parse(
                    OAuthHttp.nimbusRequest(request, settings.endpoint(OAuthPaths.REVOCATION), body));
        } catch (OAuthHttp.BodyTooLargeException | IOException e) {
            OAuthHttp.error(
                    response,
                    callback,
                    OAuthHttp.error(OAuth2Error.INVALID_REQUEST, "The revocation request could not be read.", 400));
            return;
        } catch (ParseException e) {
            OAuthHttp.error(
                    response,
                    callback,
                    OAuthHttp.error(
                            OAuth2Error.INVALID_REQUEST,
                            "A revocation is a form with token and client_id: " + e.getMessage(),
                            400));
            return;
        }
        if (revocation.getClientAuthentication() != null) {
            OAuthHttp.error(
                    response,
                    callback,
                    OAuthHttp.error(
                            OAuth2Error.INVALID_CLIENT,
                            "This server's clients are public: send client_id, and no secret.",
                            401));
            return;
        }
        String token = revocation.getToken().getValue();
        String clientId = revocation.getClientID().getValue();
        OAuthGrants grants = stores.get().oauthGrants();
        Optional<OAuthGrants.StoredOAuthToken> stored = Tokens.looksLikeToken(token)
                ? grants.findToken(token).filter(t -> t.grant().clientId().equals(clientId))
                : Optional.empty();
        if (stored.isPresent()) {
            String grantId = stored.get().grant().id();
            if (stored.get().kind() == OAuthGrants.TokenKind.REFRESH) {
                grants.revoke(grantId);
                log.info("oauth_grant_revoked", f -> f.put("grant", grantId).put("by", "client"));
            } else {
                grants.revokeAccessToken(token);
                log.info("oauth_access_token_revoked", f -> f.put("grant", grantId));
            }
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.allocate(0), callback);
    }
}

package io.calcommcp.server.oauth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.oauth.client.ClientMetadataCheck;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoredOAuthClient;
import java.io.IOException;
import java.net.URI;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Dynamic client registration (RFC 7591), for public clients only: the request's metadata is
 * parsed by the OAuth SDK and checked by {@link ClientMetadataCheck}; the client gets a random id,
 * no secret, and {@code token_endpoint_auth_method: none} whatever it asked for. Rate-limited per
 * client address, since registration needs no credentials.
 */
final class RegistrationHandler extends PublicPostEndpoint {

    /** The largest registration request. */
    static final int MAX_BODY = 16 * 1024;

    private final OAuthSettings settings;
    private final Supplier<Store> stores;
    private final StructuredLog log;

    RegistrationHandler(OAuthSettings settings, Supplier<Store> stores, AddressRateLimiter limiter, StructuredLog log) {
        super(limiter, log, "registration");
        this.settings = settings;
        this.stores = stores;
        this.log = log;
    }

    @Override
    void answer(Request request, Response response, Callback callback) {
        ClientMetadata requested;
        try {
            String body = OAuthHttp.body(request, MAX_BODY);
            requested = ClientRegistrationRequest.parse(
                            OAuthHttp.nimbusRequest(request, settings.endpoint(OAuthPaths.REGISTRATION), body))
                    .getClientMetadata();
        } catch (OAuthHttp.BodyTooLargeException e) {
            OAuthHttp.error(
                    response,
                    callback,
                    OAuthHttp.error(
                            RegistrationError.INVALID_CLIENT_METADATA,
                            "The registration is larger than " + MAX_BODY + " bytes.",
                            400));
            return;
        } catch (IOException e) {
            OAuthHttp.error(
                    response,
                    callback,
                    OAuthHttp.error(OAuth2Error.INVALID_REQUEST, "The registration could not be read.", 400));
            return;
        } catch (ParseException e) {
            OAuthHttp.error(
                    response,
                    callback,
                    OAuthHttp.error(
                            e.getErrorObject() != null ? e.getErrorObject() : RegistrationError.INVALID_CLIENT_METADATA,
                            "The registration is not valid client metadata (a JSON object sent as"
                                    + " application/json): " + e.getMessage(),
                            400));
            return;
        }
        ClientMetadataCheck.Outcome outcome = ClientMetadataCheck.check(requested, settings.redirects(), false);
        if (outcome instanceof ClientMetadataCheck.Outcome.Failed failed) {
            log.warn(
                    "oauth_registration_refused",
                    f -> f.put("error", failed.error().getCode()));
            OAuthHttp.error(response, callback, failed.error().setHTTPStatusCode(400));
            return;
        }
        ClientMetadataCheck.Accepted accepted = ((ClientMetadataCheck.Outcome.Passed) outcome).accepted();
        StoredOAuthClient client = stores.get().oauthClients().register(accepted.name(), accepted.redirectUris());
        log.info(
                "oauth_client_registered",
                f -> f.put("client", client.clientId()).put("redirect_hosts", redirectHosts(accepted.redirectUris())));

        ClientMetadata registered = new ClientMetadata();
        Set<URI> redirects = new LinkedHashSet<>();
        accepted.redirectUris().forEach(uri -> redirects.add(URI.create(uri)));
        registered.setRedirectionURIs(redirects);
        accepted.name().ifPresent(registered::setName);
        registered.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
        registered.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        registered.setResponseTypes(Set.of(ResponseType.CODE));
        ClientInformation information =
                new ClientInformation(new ClientID(client.clientId()), Date.from(client.createdAt()), registered, null);
        OAuthHttp.json(response, callback, 201, information.toJSONObject().toJSONString());
    }

    private static String redirectHosts(List<String> uris) {
        return String.join(
                " ",
                uris.stream()
                        .map(uri -> {
                            URI parsed = URI.create(uri);
                            return parsed.getHost() != null ? parsed.getHost() : parsed.getScheme() + ":";
                        })
                        .distinct()
                        .toList());
    }
}

package io.calcommcp.server.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.calcommcp.server.oauth.client.ClientDirectory;
import io.calcommcp.server.oauth.client.OAuthClient;
import io.calcommcp.server.oauth.client.OAuthText;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an authorization request, in the order OAuth requires: first who asks and where the
 * answer would go (client id, then an exact redirect URI of that client), whose failures are shown
 * as an error page and never redirected (the redirect target is not trusted yet); then everything
 * else (the code flow, PKCE S256, the resource, no request objects), whose failures go back to the
 * client's redirect URI with {@code error}, {@code state} and {@code iss} (RFC 9207).
 */
final class AuthorizationRequests {

    /** The parameters the consent form carries from the request to its submission. */
    static final List<String> FORWARDED = List.of(
            "response_type",
            "client_id",
            "redirect_uri",
            "state",
            "scope",
            "code_challenge",
            "code_challenge_method",
            "resource");

    private static final int MAX_PARAMETERS = 40;
    private static final int MAX_VALUE = 4000;

    /** The outcome of a check. */
    sealed interface Checked {
        /** Go ahead: show the consent page, or act on its answer. */
        record Valid(ValidAuthorization authorization) implements Checked {}

        /** Show an error page; the client or redirect URI cannot be trusted with a redirect. */
        record ErrorPage(ErrorObject error) implements Checked {}

        /** Send the browser back to the client with the error. */
        record ErrorRedirect(URI location) implements Checked {}
    }

    private final OAuthSettings settings;
    private final ClientDirectory clients;

    AuthorizationRequests(OAuthSettings settings, ClientDirectory clients) {
        this.settings = settings;
        this.clients = clients;
    }

    /**
     * Checks the request's parameters.
     *
     * @throws io.calcommcp.server.store.StoreUnavailableException if the store does not answer
     */
    Checked check(Map<String, List<String>> params) {
        if (params.size() > MAX_PARAMETERS) {
            return page("The request has " + params.size() + " parameters; that is not an authorization request.");
        }
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (!param.getKey().equals("resource") && param.getValue().size() > 1) {
                return page("The parameter " + param.getKey() + " is given more than once.");
            }
            if (param.getValue().stream().anyMatch(v -> v.length() > MAX_VALUE)) {
                return page("The parameter " + param.getKey() + " is longer than " + MAX_VALUE + " characters.");
            }
        }
        String clientId = first(params, "client_id").orElse("");
        if (clientId.isBlank()) {
            return page("The request has no client_id: the application must say who it is.");
        }
        ClientDirectory.Lookup lookup = clients.find(clientId);
        if (lookup instanceof ClientDirectory.Lookup.NotFound notFound) {
            return new Checked.ErrorPage(OAuthHttp.error(OAuth2Error.INVALID_CLIENT, notFound.reason(), 400));
        }
        OAuthClient client = ((ClientDirectory.Lookup.Found) lookup).client();
        Optional<String> redirect = first(params, "redirect_uri");
        String redirectUri;
        if (redirect.isEmpty() || redirect.get().isEmpty()) {
            if (client.redirectUris().size() != 1) {
                return page("The request has no redirect_uri, and the client has "
                        + client.redirectUris().size() + " registered: it must name one.");
            }
            redirectUri = client.redirectUris().get(0);
        } else if (!client.allowsRedirect(redirect.get())) {
            return page("The redirect_uri " + redirect.get() + " is not one this client registered (an exact match"
                    + " is required), or this server no longer allows it.");
        } else {
            redirectUri = redirect.get();
        }
        URI redirectTo = URI.create(redirectUri);
        Optional<String> state = first(params, "state").filter(s -> !s.isEmpty());

        AuthorizationRequest parsed;
        try {
            parsed = AuthorizationRequest.parse(settings.endpoint(OAuthPaths.AUTHORIZATION), params);
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            return back(redirectTo, state, error.getCode(), e.getMessage());
        }
        if (parsed.getRequestObject() != null) {
            return back(
                    redirectTo,
                    state,
                    OAuth2Error.REQUEST_NOT_SUPPORTED.getCode(),
                    "request objects are not supported");
        }
        if (parsed.getRequestURI() != null) {
            return back(
                    redirectTo, state, OAuth2Error.REQUEST_URI_NOT_SUPPORTED.getCode(), "request_uri is not supported");
        }
        if (!ResponseType.CODE.equals(parsed.getResponseType())) {
            return back(
                    redirectTo,
                    state,
                    OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.getCode(),
                    "response_type must be code (the authorization code flow)");
        }
        if (parsed.getResponseMode() != null && !ResponseMode.QUERY.equals(parsed.getResponseMode())) {
            return back(redirectTo, state, OAuth2Error.INVALID_REQUEST.getCode(), "response_mode must be query");
        }
        if (parsed.getCodeChallenge() == null) {
            return back(
                    redirectTo,
                    state,
                    OAuth2Error.INVALID_REQUEST.getCode(),
                    "code_challenge is required: this server requires PKCE with S256");
        }
        if (!CodeChallengeMethod.S256.equals(parsed.getCodeChallengeMethod())) {
            return back(
                    redirectTo,
                    state,
                    OAuth2Error.INVALID_REQUEST.getCode(),
                    "code_challenge_method must be S256 (plain is not accepted)");
        }
        List<URI> resources = parsed.getResources();
        if (resources != null) {
            for (URI resource : resources) {
                if (!settings.isResource(resource)) {
                    return back(
                            redirectTo,
                            state,
                            OAuth2Error.INVALID_TARGET.getCode(),
                            "this server issues tokens only for the resource " + settings.resource());
                }
            }
        }
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : FORWARDED) {
            if (name.equals("resource")) {
                continue;
            }
            first(params, name).ifPresent(value -> forwarded.put(name, value));
        }
        forwarded.put("redirect_uri", redirectUri);
        // Several resource parameters can only all name this one (checked above): it is carried once.
        forwarded.put("resource", settings.resource().toString());
        return new Checked.Valid(new ValidAuthorization(
                client, redirectTo, state, parsed.getCodeChallenge().getValue(), settings.resource(), forwarded));
    }

    /** Where the browser goes to be told that the request failed. */
    URI errorRedirect(ValidAuthorization authorization, ErrorObject error) {
        return new AuthorizationErrorResponse(
                        authorization.redirectUri(),
                        error,
                        authorization.state().map(State::new).orElse(null),
                        new Issuer(settings.issuer()),
                        ResponseMode.QUERY)
                .toURI();
    }

    private Checked back(URI redirect, Optional<String> state, String code, String description) {
        ErrorObject error = new ErrorObject(code, OAuthText.legal(description));
        return new Checked.ErrorRedirect(new AuthorizationErrorResponse(
                        redirect,
                        error,
                        state.map(State::new).orElse(null),
                        new Issuer(settings.issuer()),
                        ResponseMode.QUERY)
                .toURI());
    }

    private static Checked page(String description) {
        return new Checked.ErrorPage(OAuthHttp.error(OAuth2Error.INVALID_REQUEST, description, 400));
    }

    private static Optional<String> first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}

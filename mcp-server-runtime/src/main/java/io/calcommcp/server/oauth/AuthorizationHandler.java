package io.calcommcp.server.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import io.calcommcp.server.access.ToolFilter;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.store.McpServerConfig;
import io.calcommcp.server.store.OAuthGrants;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreUnavailableException;
import io.calcommcp.server.store.Tokens;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ToolExposure;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The authorization endpoint: {@code GET} checks the request ({@link AuthorizationRequests}) and
 * shows the consent page; {@code POST} is the page's answer. On "allow" the person's key is
 * checked with one read of the API ({@link KeyCheck}) before anything is stored; a refused key
 * shows the page again with the reason. Then the grant is stored (the key encrypted, as an
 * integrated account the grant owns, with an MCP server record of the chosen tools), and the
 * browser goes back to the client with a code that works once, for 60 seconds.
 *
 * <p>A request whose client or redirect URI cannot be trusted gets an error page, never a
 * redirect; so does a form that is stale, forged or from another browser (its CSRF token does not
 * verify). Every other failure goes back to the client as an OAuth error.
 */
final class AuthorizationHandler extends Handler.Abstract {

    /** The largest consent form. */
    static final int MAX_FORM = 16 * 1024;

    private static final int MAX_API_KEY = 1000;
    private static final int MAX_NAME = 150;

    private final OAuthSettings settings;
    private final AuthorizationRequests requests;
    private final ConsentForms forms;
    private final ConsentPage page;
    private final KeyCheck keyCheck;
    private final Supplier<Store> stores;
    private final List<ToolDefinition> tools;
    private final List<String> tags;
    private final ToolExposure exposure;
    private final AddressRateLimiter limiter;
    private final GrantPruning pruning;
    private final StructuredLog log;
    private final Clock clock;
    private final String cookieName;

    AuthorizationHandler(
            OAuthSettings settings,
            AuthorizationRequests requests,
            ConsentForms forms,
            KeyCheck keyCheck,
            Supplier<Store> stores,
            List<ToolDefinition> tools,
            ToolExposure exposure,
            AddressRateLimiter limiter,
            GrantPruning pruning,
            StructuredLog log,
            Clock clock) {
        this.settings = settings;
        this.requests = requests;
        this.forms = forms;
        this.page = new ConsentPage(settings.vendor());
        this.keyCheck = keyCheck;
        this.stores = stores;
        this.tools = List.copyOf(tools);
        this.tags = List.copyOf(tools.stream()
                .flatMap(t -> t.tags().stream())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        this.exposure = exposure;
        this.limiter = limiter;
        this.pruning = pruning;
        this.log = log;
        this.clock = clock;
        // __Host-: only over https, for this host alone, for the whole path; a browser refuses it otherwise.
        this.cookieName = settings.secure() ? "__Host-oauth_consent" : "oauth_consent";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
            errorPage(
                    response,
                    callback,
                    OAuthHttp.error(OAuth2Error.INVALID_REQUEST, "This page answers GET and POST only.", 405));
            return true;
        }
        OptionalLong wait = limiter.acquire(OAuthHttp.clientAddress(request));
        if (wait.isPresent()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait.getAsLong()));
            errorPage(
                    response,
                    callback,
                    OAuthHttp.error(
                            OAuth2Error.TEMPORARILY_UNAVAILABLE,
                            "Too many requests from your address; wait " + wait.getAsLong()
                                    + " seconds, then connect again.",
                            429));
            return true;
        }
        try {
            if (method.equals("GET")) {
                show(request, response, callback);
            } else {
                answer(request, response, callback);
            }
        } catch (StoreUnavailableException e) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            errorPage(
                    response,
                    callback,
                    OAuthHttp.error(
                            OAuth2Error.TEMPORARILY_UNAVAILABLE,
                            "The server cannot reach its database; try again in a moment.",
                            503));
        } catch (RuntimeException e) {
            log.error(
                    "oauth_endpoint_failed",
                    f -> f.put("endpoint", "authorization")
                            .put("exception", e.getClass().getName()));
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                errorPage(
                        response,
                        callback,
                        OAuthHttp.error(
                                OAuth2Error.SERVER_ERROR, "Something went wrong on this server; try again.", 500));
            }
        }
        return true;
    }

    private void show(Request request, Response response, Callback callback) {
        AuthorizationRequests.Checked checked = requests.check(OAuthHttp.queryParameters(request));
        if (checked instanceof AuthorizationRequests.Checked.Valid valid) {
            String nonce = OAuthHttp.cookie(request, cookieName)
                    .filter(Tokens::looksLikeToken)
                    .orElseGet(ConsentForms::newNonce);
            setCookie(response, nonce);
            consentPage(
                    response,
                    callback,
                    200,
                    view(valid.authorization(), nonce, AccessChoice.READ, Set.of(), Map.of(), Optional.empty()));
        } else {
            refuse(response, callback, checked, 302);
        }
    }

    private void answer(Request request, Response response, Callback callback) {
        if (!OAuthHttp.hasContentType(request, "application/x-www-form-urlencoded")) {
            errorPage(
                    response,
                    callback,
                    OAuthHttp.error(OAuth2Error.INVALID_REQUEST, "The consent form must be sent as a form.", 400));
            return;
        }
        Map<String, List<String>> form;
        try {
            form = URLUtils.parseParameters(OAuthHttp.body(request, MAX_FORM));
        } catch (OAuthHttp.BodyTooLargeException | IOException e) {
            errorPage(
                    response,
                    callback,
                    OAuthHttp.error(OAuth2Error.INVALID_REQUEST, "The consent form could not be read.", 400));
            return;
        }
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        for (String name : AuthorizationRequests.FORWARDED) {
            if (form.containsKey(name)) {
                forwarded.put(name, form.get(name));
            }
        }
        AuthorizationRequests.Checked checked = requests.check(forwarded);
        if (!(checked instanceof AuthorizationRequests.Checked.Valid valid)) {
            refuse(response, callback, checked, 303);
            return;
        }
        ValidAuthorization authorization = valid.authorization();
        Optional<String> nonce = OAuthHttp.cookie(request, cookieName);
        Optional<String> token = first(form, ConsentPage.CSRF);
        if (nonce.isEmpty() || token.isEmpty() || !forms.verify(token.get(), nonce.get(), authorization.parameters())) {
            log.warn(
                    "oauth_consent_refused",
                    f -> f.put("reason", "csrf")
                            .put("client", authorization.client().clientId()));
            errorPage(
                    response,
                    callback,
                    OAuthHttp.error(
                            OAuth2Error.INVALID_REQUEST,
                            "This form has expired, or was not sent from this page in this browser. Nothing was"
                                    + " stored.",
                            400));
            return;
        }
        if (first(form, ConsentPage.DECISION).orElse("allow").equals("deny")) {
            log.info(
                    "oauth_consent_denied",
                    f -> f.put("client", authorization.client().clientId()));
            OAuthHttp.redirect(
                    response,
                    callback,
                    303,
                    requests.errorRedirect(
                            authorization, OAuth2Error.ACCESS_DENIED.setDescription("The person denied access")));
            return;
        }

        Map<String, String> errors = new LinkedHashMap<>();
        Optional<AccessChoice> access = first(form, ConsentPage.ACCESS).flatMap(AccessChoice::fromValue);
        if (access.isEmpty()) {
            errors.put(ConsentPage.ACCESS, "Choose read only, or read and write.");
        }
        Set<String> chosenTags = new LinkedHashSet<>(form.getOrDefault(ConsentPage.TAGS, List.of()));
        if (!tags.containsAll(chosenTags)) {
            errors.put(ConsentPage.TAGS, "Choose only from the kinds listed.");
            chosenTags.retainAll(tags);
        }
        String apiKey = first(form, ConsentPage.API_KEY).map(String::strip).orElse("");
        if (apiKey.isEmpty()) {
            errors.put(ConsentPage.API_KEY, "Enter your " + settings.vendor().displayName() + " API key.");
        } else if (apiKey.length() > MAX_API_KEY) {
            errors.put(ConsentPage.API_KEY, "This is longer than any API key; paste the key alone.");
        } else if (apiKey.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            errors.put(ConsentPage.API_KEY, "An API key has no spaces or line breaks; paste the key alone.");
        }
        AccessChoice choice = access.orElse(AccessChoice.READ);
        Optional<List<String>> tagFilter =
                chosenTags.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(chosenTags));
        if (!errors.containsKey(ConsentPage.ACCESS)
                && !errors.containsKey(ConsentPage.TAGS)
                && !new ToolFilter(Optional.of(choice.methods()), tagFilter).matchesAny(tools)) {
            errors.put(
                    ConsentPage.TAGS,
                    "No tool is both " + choice.label().toLowerCase(java.util.Locale.ROOT)
                            + " and of the kinds chosen: choose other kinds, or none.");
        }
        if (errors.isEmpty()) {
            KeyCheck.Result result = checkKey(apiKey);
            if (result instanceof KeyCheck.Result.Refused refused) {
                errors.put(ConsentPage.API_KEY, refused.reason());
            } else if (result instanceof KeyCheck.Result.Unavailable unavailable) {
                log.warn(
                        "oauth_key_check_unavailable",
                        f -> f.put("client", authorization.client().clientId()));
                consentPage(
                        response,
                        callback,
                        503,
                        view(
                                authorization,
                                nonce.get(),
                                choice,
                                chosenTags,
                                Map.of(),
                                Optional.of(unavailable.reason())));
                return;
            }
        }
        if (!errors.isEmpty()) {
            consentPage(
                    response,
                    callback,
                    400,
                    view(authorization, nonce.get(), choice, chosenTags, errors, Optional.empty()));
            return;
        }

        String clientName = ConsentPage.clientName(authorization.client());
        OAuthGrants.Created created = stores.get()
                .oauthGrants()
                .create(new OAuthGrants.NewGrant(
                        authorization.client().clientId(),
                        authorization.client().name(),
                        authorization.resource().toString(),
                        shorten(clientName) + " (OAuth)",
                        apiKey,
                        new McpServerConfig(
                                Optional.of(choice.methods()), tagFilter, false, exposure, OptionalInt.empty()),
                        authorization.redirectUri().toString(),
                        authorization.codeChallenge(),
                        clock.instant().plus(OAuthSettings.CODE_LIFETIME)));
        log.info(
                "oauth_grant_created",
                f -> f.put("grant", created.grant().id())
                        .put("client", authorization.client().clientId())
                        .put("access", choice.value())
                        .put("tags", chosenTags.size()));
        pruning.maybePrune();
        URI location = new AuthorizationSuccessResponse(
                        authorization.redirectUri(),
                        new AuthorizationCode(created.code()),
                        null,
                        authorization.state().map(State::new).orElse(null),
                        new Issuer(settings.issuer()),
                        ResponseMode.QUERY)
                .toURI();
        OAuthHttp.redirect(response, callback, 303, location);
    }

    private KeyCheck.Result checkKey(String apiKey) {
        try {
            return keyCheck.check(apiKey);
        } catch (RuntimeException e) {
            return new KeyCheck.Result.Unavailable(
                    "The key could not be checked with " + settings.vendor().displayName() + " just now; try again.");
        }
    }

    private ConsentPage.View view(
            ValidAuthorization authorization,
            String nonce,
            AccessChoice access,
            Set<String> chosenTags,
            Map<String, String> errors,
            Optional<String> formError) {
        return new ConsentPage.View(
                authorization,
                forms.sign(nonce, authorization.parameters()),
                tags,
                access,
                chosenTags,
                errors,
                formError);
    }

    private void consentPage(Response response, Callback callback, int status, ConsentPage.View view) {
        OAuthHttp.html(
                response,
                callback,
                status,
                page.render(view),
                page.contentSecurityPolicy(view.authorization().redirectUri()));
    }

    private void refuse(
            Response response, Callback callback, AuthorizationRequests.Checked checked, int redirectStatus) {
        if (checked instanceof AuthorizationRequests.Checked.ErrorRedirect redirect) {
            OAuthHttp.redirect(response, callback, redirectStatus, redirect.location());
        } else {
            ErrorObject error = ((AuthorizationRequests.Checked.ErrorPage) checked).error();
            log.warn("oauth_authorization_refused", f -> f.put("error", error.getCode()));
            errorPage(response, callback, error);
        }
    }

    private void errorPage(Response response, Callback callback, ErrorObject error) {
        int status = error.getHTTPStatusCode() > 0 ? error.getHTTPStatusCode() : 400;
        OAuthHttp.html(
                response,
                callback,
                status,
                page.error("This connection cannot continue", error.getDescription(), error.getCode()),
                page.errorContentSecurityPolicy());
    }

    private void setCookie(Response response, String nonce) {
        Response.addCookie(
                response,
                HttpCookie.build(cookieName, nonce)
                        .path("/")
                        .httpOnly(true)
                        .secure(settings.secure())
                        .sameSite(HttpCookie.SameSite.STRICT)
                        .maxAge(OAuthSettings.CONSENT_FORM_LIFETIME.toSeconds())
                        .build());
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static Optional<String> first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}

package io.calcommcp.server.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import io.calcommcp.server.access.LastUsedRecorder;
import io.calcommcp.server.access.ToolFilter;
import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.oauth.client.OAuthText;
import io.calcommcp.server.store.OAuthGrants;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreUnavailableException;
import io.calcommcp.server.store.StoredAccount;
import io.calcommcp.server.store.StoredMcpServer;
import io.calcommcp.server.store.Tokens;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Guards the protected resource ({@code /mcp}): turns a request's bearer access token into the
 * caller the transport serves, or into the refusal OAuth prescribes. The token is looked up in the
 * store on every request (by hash), with its grant, MCP server and account, so a revoked grant, a
 * deleted account or MCP server, an expired token or one issued for another resource (RFC 8707)
 * fails at once, on every replica. A token in the query string is refused (and revoked: a URL is
 * logged in too many places to keep it), as the MCP authorization specification requires.
 *
 * <p>Independent of the transport: it takes the header and query string and returns a {@link
 * GuardDecision}.
 */
public final class ResourceGuard {

    private final Supplier<Store> stores;
    private final URI defaultBaseUrl;
    private final Clock clock;
    private final Optional<LastUsedRecorder> lastUsed;
    private final int defaultCallsPerMinute;
    private final String resourceMetadataUrl;
    private final StructuredLog log;

    /**
     * @param settings the authorization server's settings (for the metadata URL the challenge names)
     * @param stores the store, which may still be opening
     * @param defaultBaseUrl the API's base URL, for accounts that name none (grants' accounts do not)
     * @param lastUsed records when a grant's MCP server was last used, if the server records it
     * @param defaultCallsPerMinute the call limit of MCP servers without their own; 0 for none
     */
    public ResourceGuard(
            OAuthSettings settings,
            Supplier<Store> stores,
            URI defaultBaseUrl,
            Clock clock,
            Optional<LastUsedRecorder> lastUsed,
            int defaultCallsPerMinute,
            StructuredLog log) {
        this.stores = stores;
        this.defaultBaseUrl = defaultBaseUrl;
        this.clock = clock;
        this.lastUsed = lastUsed;
        this.defaultCallsPerMinute = defaultCallsPerMinute;
        this.resourceMetadataUrl = settings.resourceMetadataUrl().toString();
        this.log = log;
    }

    /**
     * Decides a request to {@code expectedResource}.
     *
     * @param authorization the request's {@code Authorization} header, if any
     * @param rawQuery the request's query string, undecoded, if any
     * @param expectedResource the resource the request was sent to (the public {@code .../mcp})
     */
    public GuardDecision check(Optional<String> authorization, Optional<String> rawQuery, URI expectedResource) {
        Map<String, List<String>> query = URLUtils.parseParameters(rawQuery.orElse(""));
        if (query.containsKey("access_token")) {
            query.get("access_token").stream().filter(Tokens::looksLikeToken).forEach(this::revokeLeaked);
            return refused(
                    400,
                    Optional.of("invalid_request"),
                    "An access token must not be sent in the query string (it has been revoked if it was valid):"
                            + " send it in the Authorization header as Bearer <token>.");
        }
        Optional<String> header = authorization.map(String::strip).filter(h -> !h.isEmpty());
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer", 0, 6)) {
            // No bearer credentials at all (none, or another scheme): the bare challenge.
            return refused(
                    401,
                    Optional.empty(),
                    "This endpoint needs an OAuth access token: send Authorization: Bearer <token>. The"
                            + " resource metadata names the authorization server that issues them.");
        }
        String token;
        try {
            token = BearerAccessToken.parse(header.get()).getValue().strip();
        } catch (ParseException e) {
            return refused(400, Optional.of("invalid_request"), "The Authorization header is not Bearer <token>.");
        }
        if (!Tokens.looksLikeToken(token)) {
            return invalidToken("The access token is not one this server issued.");
        }
        try {
            Store store = stores.get();
            Instant now = clock.instant();
            Optional<OAuthGrants.StoredOAuthToken> stored =
                    store.oauthGrants().findToken(token).filter(t -> t.kind() == OAuthGrants.TokenKind.ACCESS);
            if (stored.isEmpty()) {
                return invalidToken("The access token is unknown or revoked.");
            }
            if (stored.get().isExpired(now)) {
                return invalidToken("The access token has expired; refresh it.");
            }
            OAuthGrants.StoredOAuthToken access = stored.get();
            if (!OAuthSettings.canonical(URI.create(access.grant().resource()))
                    .equals(OAuthSettings.canonical(expectedResource))) {
                log.warn(
                        "oauth_token_wrong_resource",
                        f -> f.put("grant", access.grant().id()));
                return invalidToken("The access token was issued for another resource.");
            }
            Optional<StoredMcpServer> server =
                    store.mcpServers().find(access.grant().mcpServerId());
            Optional<StoredAccount> account =
                    server.flatMap(s -> store.accounts().find(s.accountId()));
            Optional<String> apiKey = account.flatMap(a -> store.accounts().apiKey(a.id()));
            if (server.isEmpty()
                    || account.isEmpty()
                    || apiKey.isEmpty()
                    || server.get().isExpired(now)) {
                return invalidToken("The grant of this access token has ended.");
            }
            lastUsed.ifPresent(recorder -> recorder.used(server.get().id()));
            Account caller = new Account(
                    account.get().id(),
                    account.get().name(),
                    account.get().baseUrl().map(URI::create).orElse(defaultBaseUrl),
                    apiKey.get());
            ToolFilter tools = new ToolFilter(
                    server.get().config().methods(), server.get().config().tags());
            CallContext context = CallContext.of(
                            caller,
                            tools,
                            server.get().config().toolExposure(),
                            server.get().id())
                    .withMaxCallsPerMinute(server.get().config().callsPerMinute(defaultCallsPerMinute));
            return new GuardDecision.Allowed(context, access.grant().id());
        } catch (StoreUnavailableException e) {
            return new GuardDecision.Refused(
                    503,
                    Optional.of("temporarily_unavailable"),
                    "The server cannot reach its database to check the token; try again shortly.",
                    Map.of("Retry-After", "5"));
        }
    }

    private void revokeLeaked(String token) {
        try {
            if (stores.get().oauthGrants().revokeAccessToken(token)) {
                log.warn(
                        "oauth_token_in_query_revoked",
                        f -> f.put("token", Tokens.hash(token).substring(0, 8)));
            }
        } catch (StoreUnavailableException e) {
            // Refused either way; it expires on its own.
        }
    }

    private GuardDecision invalidToken(String description) {
        return refused(401, Optional.of("invalid_token"), description);
    }

    private GuardDecision refused(int status, Optional<String> error, String description) {
        String legal = OAuthText.legal(description);
        StringBuilder challenge = new StringBuilder("Bearer resource_metadata=\"")
                .append(resourceMetadataUrl)
                .append('"');
        error.ifPresent(code -> challenge
                .append(", error=\"")
                .append(code.toLowerCase(Locale.ROOT))
                .append("\", error_description=\"")
                .append(legal)
                .append('"'));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("WWW-Authenticate", challenge.toString());
        headers.put("Cache-Control", "no-store");
        return new GuardDecision.Refused(status, error, legal, headers);
    }
}

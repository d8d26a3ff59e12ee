package io.calcommcp.server.access;

import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreUnavailableException;
import io.calcommcp.server.store.StoredAccount;
import io.calcommcp.server.store.StoredApiToken;
import io.calcommcp.server.store.StoredMcpServer;
import io.calcommcp.server.store.Tokens;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the token of {@code /mcp/<token>} into the caller: the URL's account (with its key and
 * base URL) and its tools. Every lookup is by the token's hash; an unknown, revoked or expired URL
 * gets the same answer, so a caller cannot tell which it was.
 */
public final class ScopedUrls {

    /** What a request to a scoped URL may do. */
    public sealed interface Access {
        /** Serve it, as this caller. */
        record Granted(CallContext context) implements Access {}

        /** No such URL: unknown, revoked, expired, or its account is gone. */
        record Unknown() implements Access {}

        /** The URL needs an API token, and the request has no valid one. */
        record ApiTokenRequired() implements Access {}

        /** The store did not answer; try again shortly. */
        record Unavailable() implements Access {}
    }

    private final Supplier<Store> stores;
    private final URI defaultBaseUrl;
    private final Clock clock;
    private final LastUsedRecorder lastUsed;
    private final int defaultCallsPerMinute;

    /**
     * @param stores the store, which may still be opening (see {@code StoreOpening})
     * @param defaultBaseUrl the API's base URL for accounts that do not name one
     * @param defaultCallsPerMinute the call limit of URLs that set none of their own; 0 for none
     */
    public ScopedUrls(
            Supplier<Store> stores,
            URI defaultBaseUrl,
            Clock clock,
            LastUsedRecorder lastUsed,
            int defaultCallsPerMinute) {
        this.stores = stores;
        this.defaultCallsPerMinute = defaultCallsPerMinute;
        this.defaultBaseUrl = defaultBaseUrl;
        this.clock = clock;
        this.lastUsed = lastUsed;
    }

    /**
     * @param token what follows {@code /mcp/}
     * @param authorization the request's {@code Authorization} header, if any
     */
    public Access resolve(String token, Optional<String> authorization) {
        if (!Tokens.looksLikeToken(token)) {
            return new Access.Unknown();
        }
        try {
            Store store = stores.get();
            Instant now = clock.instant();
            Optional<StoredMcpServer> found = store.mcpServers().findByTokenHash(Tokens.hash(token));
            if (found.isEmpty() || found.get().isExpired(now)) {
                return new Access.Unknown();
            }
            StoredMcpServer server = found.get();
            Optional<StoredAccount> account = store.accounts().find(server.accountId());
            Optional<String> apiKey =
                    account.isEmpty() ? Optional.empty() : store.accounts().apiKey(server.accountId());
            if (account.isEmpty() || apiKey.isEmpty()) {
                return new Access.Unknown();
            }
            if (server.config().requireApiTokenAuth() && !hasValidApiToken(store, authorization, now)) {
                return new Access.ApiTokenRequired();
            }
            lastUsed.used(server.id());
            Account caller = new Account(
                    account.get().id(),
                    account.get().name(),
                    account.get().baseUrl().map(URI::create).orElse(defaultBaseUrl),
                    apiKey.get());
            ToolFilter tools =
                    new ToolFilter(server.config().methods(), server.config().tags());
            return new Access.Granted(
                    CallContext.of(caller, tools, server.config().toolExposure(), server.id())
                            .withMaxCallsPerMinute(server.config().callsPerMinute(defaultCallsPerMinute)));
        } catch (StoreUnavailableException e) {
            return new Access.Unavailable();
        }
    }

    private static boolean hasValidApiToken(Store store, Optional<String> authorization, Instant now) {
        Optional<String> token = authorization
                .map(String::trim)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim());
        if (token.isEmpty() || !Tokens.looksLikeToken(token.get())) {
            return false;
        }
        Optional<StoredApiToken> found = store.apiTokens().findByTokenHash(Tokens.hash(token.get()));
        return found.isPresent() && !found.get().isExpired(now);
    }
}

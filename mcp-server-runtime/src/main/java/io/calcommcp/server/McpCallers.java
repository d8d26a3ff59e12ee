package io.calcommcp.server;

import io.calcommcp.server.access.ScopedUrls;
import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.ToolScope;
import io.calcommcp.server.oauth.GuardDecision;
import io.calcommcp.server.oauth.ResourceGuard;
import io.calcommcp.server.transport.CallerResolution;
import io.calcommcp.server.transport.CallerResolver;
import io.calcommcp.toolapi.ToolExposure;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who an MCP request is from: {@code /mcp} is the caller its OAuth access token names (with {@code
 * --oauth}), or else the single-key account with every tool (when the server was started with a
 * key); {@code /mcp/<token>} is the scoped URL's account and tools. Every URL that serves nothing
 * gets the same 404, so a caller cannot tell an unknown token from a revoked or expired one.
 */
final class McpCallers implements CallerResolver {

    private final Optional<Account> singleKey;
    private final ToolExposure exposure;
    private final Optional<ScopedUrls> scopedUrls;
    private final String apiKeyVariable;
    private final int callsPerMinute;
    private final Optional<ProtectedResource> oauth;

    /**
     * {@code /mcp} as an OAuth-protected resource.
     *
     * @param guard turns a bearer token into a caller, or a refusal
     * @param resource the public URL of {@code /mcp}, which a token must have been issued for
     */
    record ProtectedResource(ResourceGuard guard, URI resource) {}

    /**
     * @param callsPerMinute the call limit of {@code /mcp}; 0 for none
     * @param oauth how {@code /mcp} is guarded with OAuth, if it is; then there is no single key
     */
    McpCallers(
            Optional<Account> singleKey,
            ToolExposure exposure,
            Optional<ScopedUrls> scopedUrls,
            String apiKeyVariable,
            int callsPerMinute,
            Optional<ProtectedResource> oauth) {
        if (singleKey.isPresent() && oauth.isPresent()) {
            throw new IllegalArgumentException("/mcp serves either a single key or OAuth callers, not both");
        }
        this.oauth = oauth;
        this.callsPerMinute = callsPerMinute;
        this.singleKey = singleKey;
        this.exposure = exposure;
        this.scopedUrls = scopedUrls;
        this.apiKeyVariable = apiKeyVariable;
    }

    @Override
    public CallerResolution resolve(String pathToken, HeaderAccessor headers) {
        return resolve(pathToken, headers, Optional.empty());
    }

    @Override
    public CallerResolution resolve(String pathToken, HeaderAccessor headers, Optional<String> rawQuery) {
        if (pathToken.isEmpty() && oauth.isPresent()) {
            return bearer(oauth.get(), headers, rawQuery);
        }
        if (pathToken.isEmpty()) {
            return singleKey
                    .<CallerResolution>map(account -> new CallerResolution.Caller(
                            CallContext.of(account, ToolScope.ALL, exposure).withMaxCallsPerMinute(callsPerMinute)))
                    .orElseGet(() -> new CallerResolution.Refused(
                            404,
                            "not_found",
                            "This server serves scoped URLs only, /mcp/<token>: use the URL printed when its MCP server"
                                    + " was created. To serve one API key at /mcp, start the server with "
                                    + apiKeyVariable + ".",
                            Map.of()));
        }
        if (scopedUrls.isEmpty()) {
            return unknown();
        }
        ScopedUrls.Access access = scopedUrls.get().resolve(pathToken, first(headers.getHeader("Authorization")));
        if (access instanceof ScopedUrls.Access.Granted granted) {
            return new CallerResolution.Caller(granted.context());
        }
        if (access instanceof ScopedUrls.Access.ApiTokenRequired) {
            return new CallerResolution.Refused(
                    401,
                    "unauthorized",
                    "This URL needs an API token as well: send Authorization: Bearer <api token>.",
                    Map.of("WWW-Authenticate", "Bearer realm=\"mcp\""));
        }
        if (access instanceof ScopedUrls.Access.Unavailable) {
            return new CallerResolution.Refused(
                    503,
                    "store_unavailable",
                    "The server cannot reach its database to look up this URL; try again shortly.",
                    Map.of("Retry-After", "5"));
        }
        return unknown();
    }

    /**
     * The OAuth caller of {@code /mcp}, or the refusal the guard prescribes: its status, its
     * {@code WWW-Authenticate} challenge (readable by a browser-based client too) and its OAuth
     * error as the body.
     */
    private static CallerResolution bearer(
            ProtectedResource resource, HeaderAccessor headers, Optional<String> rawQuery) {
        GuardDecision decision =
                resource.guard().check(first(headers.getHeader("Authorization")), rawQuery, resource.resource());
        if (decision instanceof GuardDecision.Allowed allowed) {
            return new CallerResolution.Caller(allowed.context());
        }
        GuardDecision.Refused refused = (GuardDecision.Refused) decision;
        Map<String, String> answerHeaders = new LinkedHashMap<>(refused.headers());
        answerHeaders.put("Access-Control-Expose-Headers", "WWW-Authenticate");
        return new CallerResolution.Refused(
                refused.status(),
                refused.error().orElse("unauthorized"),
                refused.description(),
                answerHeaders,
                Optional.of(refused.body()));
    }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static CallerResolution unknown() {
        return new CallerResolution.Refused(404, "not_found", "There is no MCP server at this URL.", Map.of());
    }
}

package io.calcommcp.server.engine;

import io.calcommcp.toolapi.ToolExposure;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is calling, per request: the account whose credentials go upstream and the tools the caller
 * may use. Transports build one for each request and hand it to the engine with the call.
 *
 * @param requestId a random id that ties a request's log lines together
 * @param account the account the call runs as
 * @param scope the tools the caller may see and call
 * @param exposure how the caller is shown those tools: listed, or through the discovery meta-tools
 * @param mcpServerId the scoped URL the request came through, for logs; empty for the server's own
 *     single-key endpoint
 * @param maxCallsPerMinute how many tool calls a minute the caller's URL may make, counted by {@link
 *     CallAdmission}; 0 for no limit
 */
public record CallContext(
        String requestId,
        Account account,
        ToolScope scope,
        ToolExposure exposure,
        Optional<String> mcpServerId,
        int maxCallsPerMinute) {

    /** The key under which a transport puts the caller into an MCP SDK's per-request context. */
    public static final String TRANSPORT_KEY = CallContext.class.getName();

    public CallContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(mcpServerId, "mcpServerId");
        if (maxCallsPerMinute < 0) {
            throw new IllegalArgumentException("maxCallsPerMinute must be 0 (no limit) or more");
        }
    }

    /** A context with a fresh request id, for the server's own endpoint, with every tool listed. */
    public static CallContext of(Account account, ToolScope scope) {
        return of(account, scope, ToolExposure.ALL);
    }

    /** A context with a fresh request id, for the server's own endpoint. */
    public static CallContext of(Account account, ToolScope scope, ToolExposure exposure) {
        return new CallContext(newRequestId(), account, scope, exposure, Optional.empty(), 0);
    }

    /** A context with a fresh request id, for a request through the scoped URL {@code mcpServerId}. */
    public static CallContext of(Account account, ToolScope scope, ToolExposure exposure, String mcpServerId) {
        return new CallContext(newRequestId(), account, scope, exposure, Optional.of(mcpServerId), 0);
    }

    /** This context with a per-minute call limit (0 for none). */
    public CallContext withMaxCallsPerMinute(int calls) {
        return new CallContext(requestId, account, scope, exposure, mcpServerId, calls);
    }

    /**
     * Sixteen hex digits that tell one call's log lines from another's. They authorise nothing, so
     * they need no secure random source, whose lock every concurrent call would otherwise share.
     */
    private static String newRequestId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}

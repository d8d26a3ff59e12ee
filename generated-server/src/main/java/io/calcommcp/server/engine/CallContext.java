package io.calcommcp.server.engine;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who is calling, per request: the account whose credentials go upstream and the tools the caller
 * may use. Transports build one for each request and hand it to the engine with the call.
 *
 * @param requestId a random id that ties a request's log lines together
 * @param account the account the call runs as
 * @param scope the tools the caller may see and call
 */
public record CallContext(String requestId, Account account, ToolScope scope) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public CallContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(scope, "scope");
    }

    /** A context with a fresh request id. */
    public static CallContext of(Account account, ToolScope scope) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return new CallContext(HexFormat.of().formatHex(id), account, scope);
    }
}

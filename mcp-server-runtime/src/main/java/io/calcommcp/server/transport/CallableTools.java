package io.calcommcp.server.transport;

import io.calcommcp.server.engine.CallContext;
import io.modelcontextprotocol.spec.McpError;
import java.util.Optional;

/**
 * Whether a {@code tools/call} names a tool its caller may call. The SDK answers a name it does not
 * know with a fixed text that does not say which name that was; the endpoint refuses such a call
 * itself, with the SDK's error code and a message that names the tool and says how to find the
 * ones the caller may call.
 */
@FunctionalInterface
public interface CallableTools {

    /** Why {@code caller} may not call {@code tool}, as the SDK's error; empty when it may. */
    Optional<McpError> refusal(String tool, CallContext caller);
}

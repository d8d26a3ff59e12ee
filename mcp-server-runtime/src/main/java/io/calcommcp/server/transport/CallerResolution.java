package io.calcommcp.server.transport;

import io.calcommcp.server.engine.CallContext;
import java.util.Map;
import java.util.Objects;

/** Who a request is from: a caller the tools may serve, or a refusal before MCP sees the request. */
public sealed interface CallerResolution {

    /** The request may go on, as this caller. */
    record Caller(CallContext context) implements CallerResolution {
        public Caller {
            Objects.requireNonNull(context, "context");
        }
    }

    /**
     * The request is refused with a small JSON body {@code {"error": code, "message": message}}.
     *
     * @param status the HTTP status
     * @param code a machine-readable reason, such as {@code not_found}
     * @param message what happened and what to do, naming no secret
     * @param headers extra response headers, such as {@code WWW-Authenticate}
     */
    record Refused(int status, String code, String message, Map<String, String> headers) implements CallerResolution {
        public Refused {
            headers = Map.copyOf(headers);
        }
    }
}

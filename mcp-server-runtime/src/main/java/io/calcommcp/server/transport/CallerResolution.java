package io.calcommcp.server.transport;

import io.calcommcp.server.engine.CallContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Who a request is from: a caller the tools may serve, or a refusal before MCP sees the request. */
public sealed interface CallerResolution {

    /** The request may go on, as this caller. */
    record Caller(CallContext context) implements CallerResolution {
        public Caller {
            Objects.requireNonNull(context, "context");
        }
    }

    /**
     * The request is refused with a small JSON body, {@code {"error": code, "message": message}}
     * unless {@code body} says otherwise.
     *
     * @param status the HTTP status
     * @param code a machine-readable reason, such as {@code not_found}; the log's reason too
     * @param message what happened and what to do, naming no secret
     * @param headers extra response headers, such as {@code WWW-Authenticate}
     * @param body the JSON to answer instead, when a protocol prescribes its shape (an OAuth error's
     *     {@code error} and {@code error_description})
     */
    record Refused(int status, String code, String message, Map<String, String> headers, Optional<String> body)
            implements CallerResolution {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** A refusal with the default body. */
        public Refused(int status, String code, String message, Map<String, String> headers) {
            this(status, code, message, headers, Optional.empty());
        }
    }
}

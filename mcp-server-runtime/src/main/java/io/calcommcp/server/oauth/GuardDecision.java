package io.calcommcp.server.oauth;

import io.calcommcp.server.engine.CallContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.minidev.json.JSONObject;

/** What {@link ResourceGuard} decided about a request to the protected resource. */
public sealed interface GuardDecision {

    /**
     * Serve it, as the grant's caller: its account (with the person's key) and its tools, exactly
     * as for a scoped URL.
     *
     * @param context the caller, for the engine
     * @param grantId the grant, for logs
     */
    record Allowed(CallContext context, String grantId) implements GuardDecision {
        public Allowed {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(grantId, "grantId");
        }
    }

    /**
     * Refuse it: answer {@code status} with {@code headers} (always a {@code WWW-Authenticate}
     * challenge naming the resource metadata, and {@code Retry-After} when the store is down) and
     * {@link #body()}.
     *
     * @param status 400, 401 or 503
     * @param error the OAuth error code; empty when the request carried no token at all (RFC 6750
     *     section 3.1: then the challenge has none)
     * @param description what was wrong and what to do, for people
     * @param headers the headers to send
     */
    record Refused(int status, Optional<String> error, String description, Map<String, String> headers)
            implements GuardDecision {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
            headers = Map.copyOf(headers);
        }

        /** The body: an OAuth error as JSON ({@code invalid_request} when there was no token). */
        public String body() {
            JSONObject json = new JSONObject();
            json.put("error", error.orElse("invalid_request"));
            json.put("error_description", description);
            return json.toJSONString();
        }
    }
}

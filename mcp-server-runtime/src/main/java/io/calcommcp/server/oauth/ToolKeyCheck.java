package io.calcommcp.server.oauth;

import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolResult;
import io.calcommcp.server.engine.ToolScope;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The key check the server uses: one call of the profile's key-check tool (a cheap read that takes
 * no arguments) through the engine, as an account made of the candidate key, so the call has the
 * engine's timeouts, limits, redaction and {@code tool_call} log line like any other. A success
 * accepts the key; 401 and 403 refuse it with the API's own message; anything else (a 429, a 5xx,
 * no answer) says the key could not be checked just now.
 */
public final class ToolKeyCheck implements KeyCheck {

    /** The id and name of the account a key is checked as, which the log names instead of the key. */
    static final String CHECKING = "oauth-key-check";

    /** The longest part of the API's message shown on the consent page. */
    private static final int MAX_MESSAGE = 200;

    private final PreparedTool tool;
    private final ToolExecutor executor;
    private final URI baseUrl;
    private final String api;

    /**
     * @param tool the profile's key-check tool
     * @param baseUrl the API's base URL, where grants' accounts are served
     * @param api the API's name for people, such as the profile's display name
     */
    public ToolKeyCheck(PreparedTool tool, ToolExecutor executor, URI baseUrl, String api) {
        this.tool = Objects.requireNonNull(tool, "tool");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public Result check(String apiKey) {
        Account candidate = new Account(CHECKING, CHECKING, baseUrl, apiKey);
        ToolResult answer = executor.call(tool, Map.of(), CallContext.of(candidate, ToolScope.ALL));
        if (!answer.isError()) {
            return new Result.Accepted();
        }
        Integer status = answer.upstreamStatus();
        if (status != null && (status == 401 || status == 403)) {
            String message =
                    answer.structured().path("error").path("message").asText("").strip();
            if (message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "...";
            }
            return new Result.Refused(api + " refused this key (HTTP " + status
                    + (message.isEmpty() ? "" : ": " + message) + "). Check that you copied the whole key, that it"
                    + " is not revoked or expired, and try again.");
        }
        return new Result.Unavailable("The key could not be checked with " + api + " just now"
                + (status == null ? " (no answer)" : " (HTTP " + status + ")") + "; nothing was stored. Try again in a"
                + " moment.");
    }
}

package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.upstream.UpstreamResponseTooLargeException;
import io.calcommcp.server.upstream.UpstreamUnavailableException;
import io.calcommcp.toolapi.Access;
import java.util.ArrayList;
import java.util.List;

/** The results of calls that got no answer from the API: refused arguments, no connection, a fault here. */
final class CallFailures {

    private final ObjectMapper json;

    CallFailures(ObjectMapper json) {
        this.json = json;
    }

    /** Arguments refused before sending: every problem, and the tool's arguments to fix them with. */
    ToolResult invalidArguments(PreparedTool tool, List<String> problems) {
        StringBuilder text =
                new StringBuilder("Invalid arguments for ").append(tool.name()).append(", nothing was sent:");
        problems.forEach(p -> text.append("\n- ").append(p));
        text.append("\nFix these and call ").append(tool.name()).append(" again");
        List<String> names = new ArrayList<>();
        tool.inputSchema().path("properties").fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty()) {
            List<String> required = new ArrayList<>();
            tool.inputSchema().path("required").forEach(r -> required.add(r.asText()));
            text.append(" (its arguments: ").append(String.join(", ", names));
            if (!required.isEmpty()) {
                text.append("; required: ").append(String.join(", ", required));
            }
            text.append(')');
        }
        text.append('.');
        ObjectNode error = json.createObjectNode();
        error.set("problems", json.valueToTree(problems));
        return ToolResult.failure(Outcome.INVALID_ARGUMENTS, null, false, text.toString(), error);
    }

    /**
     * No answer arrived. A read may simply be tried again; so may a change that surely never
     * reached the API. A change that may have arrived is not marked retryable: repeating it could
     * make it twice (two bookings for one request), so the caller must look first.
     */
    ToolResult unavailable(PreparedTool tool, UpstreamUnavailableException e) {
        boolean changes = tool.definition().access() == Access.WRITE;
        if (changes && e.mayHaveArrived()) {
            return ToolResult.failure(
                    Outcome.UPSTREAM_UNAVAILABLE,
                    null,
                    false,
                    e.getMessage() + " It is not known whether " + tool.name() + " took effect: check with a list or"
                            + " get tool before calling it again, or the change may be made twice.",
                    json.createObjectNode());
        }
        return ToolResult.failure(
                Outcome.UPSTREAM_UNAVAILABLE,
                null,
                true,
                e.getMessage()
                        + (changes ? " Nothing was sent, so nothing changed;" : " Nothing changed;")
                        + " trying again shortly may help.",
                json.createObjectNode());
    }

    /**
     * A call this server refused to send now: the process runs its limit of calls at once, or the
     * URL made its limit of calls in the last minute. Nothing was sent; the same call succeeds
     * after {@code retry_after_seconds}.
     */
    ToolResult notAdmitted(PreparedTool tool, CallAdmission.Refusal refusal) {
        ObjectNode details = json.createObjectNode();
        details.put("retry_after_seconds", refusal.retryAfterSeconds());
        String seconds = refusal.retryAfterSeconds() == 1 ? "1 second" : refusal.retryAfterSeconds() + " seconds";
        String text;
        if (refusal.reason() == CallAdmission.Reason.BUSY) {
            details.put("limit", "concurrent_calls").put("max_concurrent_calls", refusal.limit());
            text = "This server is already running its limit of " + refusal.limit() + " tool calls at once, so "
                    + tool.name() + " was not sent. Try again in " + seconds + ".";
        } else {
            details.put("limit", "calls_per_minute").put("max_calls_per_minute", refusal.limit());
            text = "This MCP server URL may make " + refusal.limit() + " tool calls a minute and has made them, so "
                    + tool.name() + " was not sent. Try again in " + seconds
                    + ", not sooner: every call before then is refused too.";
        }
        return ToolResult.failure(Outcome.RATE_LIMITED, null, true, text, details);
    }

    /** The API's answer was too large to read; nothing is known about the call's effect from it. */
    ToolResult tooLarge(PreparedTool tool, UpstreamResponseTooLargeException e) {
        boolean changes = tool.definition().access() == Access.WRITE;
        return ToolResult.failure(
                Outcome.UPSTREAM_INVALID_RESPONSE,
                e.status(),
                false,
                e.getMessage()
                        + (changes
                                ? " The API did receive the request: check with a list or get tool before calling "
                                        + tool.name() + " again."
                                : ""),
                json.createObjectNode());
    }

    /** A fault in this server; nothing about the call is repeated. */
    ToolResult internalError(String toolName) {
        return ToolResult.failure(
                Outcome.INTERNAL_ERROR,
                null,
                false,
                "The server failed while running " + toolName + ". This is a bug in the server, not in your arguments.",
                json.createObjectNode());
    }
}

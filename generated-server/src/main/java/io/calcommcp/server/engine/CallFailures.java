package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

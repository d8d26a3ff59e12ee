package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        return ToolResult.failure(Outcome.INVALID_ARGUMENTS, null, text.toString(), error);
    }

    /** No answer arrived; {@code message} says why and names no secret. */
    ToolResult unavailable(String message) {
        return ToolResult.failure(
                Outcome.UPSTREAM_UNAVAILABLE,
                null,
                message + " Nothing is known to have changed; check the connection or try again shortly.",
                json.createObjectNode());
    }

    /** A fault in this server; nothing about the call is repeated. */
    ToolResult internalError(String toolName) {
        return ToolResult.failure(
                Outcome.INTERNAL_ERROR,
                null,
                "The server failed while running " + toolName + ". This is a bug in the server, not in your arguments.",
                json.createObjectNode());
    }
}

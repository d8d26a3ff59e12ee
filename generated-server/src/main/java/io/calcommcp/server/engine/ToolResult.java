package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The result of one tool call, before a transport turns it into its own shape. A success carries
 * the API's JSON as structured content and the same JSON as text (for clients that only read
 * text). A failure carries a text that says what went wrong and what to do next, and a structured
 * {@code error} object: its {@code type} (the outcome), the HTTP status if there was one, and the
 * details the caller can act on.
 *
 * @param isError whether the call failed
 * @param structured the structured content
 * @param text the text content
 * @param outcome how the call ended
 * @param upstreamStatus the API's HTTP status, or null when nothing was answered
 */
public record ToolResult(boolean isError, ObjectNode structured, String text, Outcome outcome, Integer upstreamStatus) {

    public ToolResult {
        Objects.requireNonNull(structured, "structured");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A success: the API's answer as structured content, and as text. */
    public static ToolResult success(ObjectNode structured, String text, int status) {
        return new ToolResult(false, structured, text, Outcome.OK, status);
    }

    /**
     * A failure whose structured content is {@code {"error": {"type": ..., "httpStatus": ..., ...}}}.
     *
     * @param status the API's HTTP status, or null
     * @param details more fields of the error object, such as the API's own message
     */
    public static ToolResult failure(Outcome outcome, Integer status, String text, ObjectNode details) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("type", outcome.label());
        if (status != null) {
            error.put("httpStatus", status);
        }
        error.setAll(details);
        ObjectNode structured = JsonNodeFactory.instance.objectNode();
        structured.set("error", error);
        return new ToolResult(true, structured, text, outcome, status);
    }
}

package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one tool call, before a transport turns it into its own shape. A success carries
 * the API's JSON as structured content and the same JSON as text (for clients that only read
 * text). A failure carries a text that says what went wrong and what to do next, and a structured
 * {@code error} object: its {@code type} (the outcome), the HTTP status if there was one, whether
 * retrying can help, and the details the caller can act on.
 *
 * @param isError whether the call failed
 * @param structured the structured content
 * @param text the text content
 * @param outcome how the call ended
 * @param upstreamStatus the API's HTTP status, or null when nothing was answered
 * @param rateLimit the API's rate limits as of this call, when its answer said them (a success
 *     carries them beside its content, a failure inside its error)
 * @param textIsStructuredJson whether {@code text} is exactly the JSON of {@code structured}, so
 *     that a transport can write that text as the structured content instead of serializing the
 *     tree again
 */
public record ToolResult(
        boolean isError,
        ObjectNode structured,
        String text,
        Outcome outcome,
        Integer upstreamStatus,
        Optional<ObjectNode> rateLimit,
        boolean textIsStructuredJson) {

    public ToolResult {
        Objects.requireNonNull(structured, "structured");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /** A success whose text says something other than the structured content's JSON. */
    public static ToolResult success(ObjectNode structured, String text, int status) {
        return new ToolResult(false, structured, text, Outcome.OK, status, Optional.empty(), false);
    }

    /** A success whose text is {@code json}, the JSON of {@code structured}. */
    public static ToolResult json(ObjectNode structured, String json, int status) {
        return new ToolResult(false, structured, json, Outcome.OK, status, Optional.empty(), true);
    }

    /** This result with other content, {@code json} being the JSON of {@code newStructured}. */
    ToolResult withContent(ObjectNode newStructured, String json) {
        return new ToolResult(isError, newStructured, json, outcome, upstreamStatus, rateLimit, true);
    }

    /** This result, carrying the API's rate limits. */
    ToolResult withRateLimit(ObjectNode limits) {
        return new ToolResult(
                isError, structured, text, outcome, upstreamStatus, Optional.of(limits), textIsStructuredJson);
    }

    /**
     * A failure whose structured content is {@code {"error": {"type": ..., "httpStatus": ...,
     * "retryable": ..., ...}}}.
     *
     * @param status the API's HTTP status, or null
     * @param retryable whether the same call may succeed later (a rate limit, a gateway timeout,
     *     no connection), as opposed to one that must change first
     * @param details more fields of the error object, such as the API's own message
     */
    public static ToolResult failure(
            Outcome outcome, Integer status, boolean retryable, String text, ObjectNode details) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("type", outcome.label());
        if (status != null) {
            error.put("httpStatus", status);
        }
        error.put("retryable", retryable);
        error.setAll(details);
        ObjectNode structured = JsonNodeFactory.instance.objectNode();
        structured.set("error", error);
        return new ToolResult(true, structured, text, outcome, status, Optional.empty(), false);
    }
}

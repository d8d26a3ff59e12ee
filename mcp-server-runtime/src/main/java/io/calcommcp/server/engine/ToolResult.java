package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The result of one tool call, before a transport turns it into its own shape. A success carries
 * the API's JSON as structured content and the same JSON as text (for clients that only read
 * text). A failure carries a text that says what went wrong and what to do next, and a structured
 * {@code error} object: its {@code type} (the outcome), the HTTP status if there was one, whether
 * retrying can help, and the details the caller can act on.
 *
 * <p>A success that passes the API's JSON on keeps it as the UTF-8 bytes it arrived in ({@link
 * #json}): a transport writes those bytes as they are, and the text is decoded from them only if
 * something asks for it as a string. For a list of bookings this saves decoding, re-encoding and
 * copying 10 KB on every call.
 */
public final class ToolResult {

    private final boolean isError;
    private final Supplier<ObjectNode> tree;
    private final byte[] json;
    private final AnswerOutline outline;
    private final Outcome outcome;
    private final Integer upstreamStatus;
    private final Optional<ObjectNode> rateLimit;
    private volatile String text;
    private volatile ObjectNode structured;

    /**
     * @param isError whether the call failed
     * @param structured the structured content
     * @param text the text content
     * @param outcome how the call ended
     * @param upstreamStatus the API's HTTP status, or null when nothing was answered
     * @param rateLimit the API's rate limits as of this call, when its answer said them (a success
     *     carries them beside its content, a failure inside its error)
     * @param textIsStructuredJson whether {@code text} is exactly the JSON of {@code structured}
     */
    public ToolResult(
            boolean isError,
            ObjectNode structured,
            String text,
            Outcome outcome,
            Integer upstreamStatus,
            Optional<ObjectNode> rateLimit,
            boolean textIsStructuredJson) {
        this(
                isError,
                Objects.requireNonNull(structured, "structured"),
                null,
                Objects.requireNonNull(text, "text"),
                textIsStructuredJson ? text.getBytes(StandardCharsets.UTF_8) : null,
                null,
                outcome,
                upstreamStatus,
                rateLimit);
    }

    private ToolResult(
            boolean isError,
            ObjectNode structured,
            Supplier<ObjectNode> tree,
            String text,
            byte[] json,
            AnswerOutline outline,
            Outcome outcome,
            Integer upstreamStatus,
            Optional<ObjectNode> rateLimit) {
        this.isError = isError;
        this.structured = structured;
        this.tree = tree;
        this.text = text;
        this.json = json;
        this.outline = outline;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.upstreamStatus = upstreamStatus;
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /** A success whose text says something other than the structured content's JSON. */
    public static ToolResult success(ObjectNode structured, String text, int status) {
        return new ToolResult(false, structured, text, Outcome.OK, status, Optional.empty(), false);
    }

    /** A success whose text is {@code json}, the JSON of {@code structured}. */
    public static ToolResult json(ObjectNode structured, String json, int status) {
        return new ToolResult(false, structured, json, Outcome.OK, status, Optional.empty(), true);
    }

    /**
     * A success whose text is the JSON of {@code structured}, as UTF-8 bytes; they are kept, not
     * copied, so they must not change afterwards.
     */
    public static ToolResult json(ObjectNode structured, byte[] utf8Json, int status) {
        return new ToolResult(
                false,
                Objects.requireNonNull(structured),
                null,
                null,
                Objects.requireNonNull(utf8Json),
                null,
                Outcome.OK,
                status,
                Optional.empty());
    }

    /**
     * A success whose text is the JSON object {@code utf8Json}, outlined already: its tree is
     * parsed from those bytes only if {@link #structured()} is asked for.
     */
    static ToolResult outlined(ObjectMapper mapper, byte[] utf8Json, AnswerOutline outline, int status) {
        return new ToolResult(
                false, null, tree(mapper, utf8Json), null, utf8Json, outline, Outcome.OK, status, Optional.empty());
    }

    /** This result with other content, {@code utf8Json} being the JSON of {@code newStructured}. */
    ToolResult withContent(ObjectNode newStructured, byte[] utf8Json) {
        return new ToolResult(isError, newStructured, null, null, utf8Json, null, outcome, upstreamStatus, rateLimit);
    }

    /** This result with the JSON object {@code utf8Json} as its content, its tree parsed when asked for. */
    ToolResult withContent(ObjectMapper mapper, byte[] utf8Json) {
        return new ToolResult(
                isError, null, tree(mapper, utf8Json), null, utf8Json, null, outcome, upstreamStatus, rateLimit);
    }

    /** This result, carrying the API's rate limits. */
    ToolResult withRateLimit(ObjectNode limits) {
        return new ToolResult(
                isError, structured, tree, text, json, outline, outcome, upstreamStatus, Optional.of(limits));
    }

    /** The outline read of the JSON instead of a tree, or null (see {@link #outlined}). */
    AnswerOutline outline() {
        return outline;
    }

    private static Supplier<ObjectNode> tree(ObjectMapper mapper, byte[] utf8Json) {
        return () -> {
            try {
                return (ObjectNode) mapper.readTree(utf8Json);
            } catch (IOException e) {
                // Outlined bytes were read once already: they are a JSON object.
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Whether the call failed. */
    public boolean isError() {
        return isError;
    }

    /** The structured content. */
    public ObjectNode structured() {
        ObjectNode parsed = structured;
        if (parsed == null) {
            parsed = tree.get();
            structured = parsed;
        }
        return parsed;
    }

    /** The text content. */
    public String text() {
        String decoded = text;
        if (decoded == null) {
            decoded = new String(json, StandardCharsets.UTF_8);
            text = decoded;
        }
        return decoded;
    }

    /**
     * The text as UTF-8 bytes when it is exactly the JSON of {@link #structured()} (see {@link
     * #textIsStructuredJson()}), or null. The array is this result's own: read it, do not change it.
     */
    public byte[] json() {
        return json;
    }

    /**
     * Whether {@link #text()} is exactly the JSON of {@link #structured()}, so that a transport can
     * write that text as the structured content instead of serializing the tree again.
     */
    public boolean textIsStructuredJson() {
        return json != null;
    }

    /** How the call ended. */
    public Outcome outcome() {
        return outcome;
    }

    /** The API's HTTP status, or null when nothing was answered. */
    public Integer upstreamStatus() {
        return upstreamStatus;
    }

    /**
     * The API's rate limits as of this call, when its answer said them (a success carries them
     * beside its content, a failure inside its error).
     */
    public Optional<ObjectNode> rateLimit() {
        return rateLimit;
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

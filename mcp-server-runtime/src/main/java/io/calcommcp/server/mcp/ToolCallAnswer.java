package io.calcommcp.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JSON-RPC answer to a {@code tools/call}, written straight from the engine's result: the same
 * shape the SDK writes ({@code content} with the text, {@code structuredContent}, {@code isError},
 * and {@code _meta.rateLimit} on a success that has them), without building the SDK's objects.
 *
 * <p>A tool's answer is the API's JSON twice, as structured content and as escaped text. When the
 * text is that JSON already, it is copied in as the structured content rather than serialized
 * again from the tree, and escaped as bytes in one pass: for a 10 KB list this is most of the
 * work a call does. The answer is written into an array its caller gives (over HTTP, the
 * connection's reusable one), so a call neither allocates nor copies a buffer of its size.
 */
public final class ToolCallAnswer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * For each byte, how much longer it gets inside a JSON string: 0 for most, 1 for a quote, a
     * backslash and the control characters with a short escape, 5 for the other control
     * characters (written as a backslash, a u and four hex digits). A table look-up per byte
     * instead of a chain of tests.
     */
    private static final byte[] GROWTH = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            GROWTH[b] = 5;
        }
        for (char c : new char[] {'"', '\\', '\n', '\r', '\t', '\b', '\f'}) {
            GROWTH[c] = 1;
        }
    }

    private static final byte[] BEFORE_ID = ascii("{\"jsonrpc\":\"2.0\",\"id\":");
    private static final byte[] BEFORE_TEXT = ascii(",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"");
    private static final byte[] BEFORE_STRUCTURED = ascii("\"}],\"structuredContent\":");
    private static final byte[] NOT_AN_ERROR = ascii(",\"isError\":false");
    private static final byte[] AN_ERROR = ascii(",\"isError\":true");
    private static final byte[] BEFORE_RATE_LIMIT = ascii(",\"_meta\":{\"" + McpToolSurface.RATE_LIMIT + "\":");
    private static final byte[] END_OF_META = ascii("}");
    private static final byte[] END = ascii("}}");

    private final byte[] id;
    private final byte[] text;
    private final byte[] structured;
    private final boolean isError;
    private final byte[] rateLimit;
    /** What follows the text: everything from its closing quote to the end. */
    private final int tailLength;
    /** Everything but the text's escaped bytes. */
    private final int fixedLength;

    private ToolCallAnswer(byte[] id, byte[] text, byte[] structured, boolean isError, byte[] rateLimit) {
        this.id = id;
        this.text = text;
        this.structured = structured;
        this.isError = isError;
        this.rateLimit = rateLimit;
        this.tailLength = BEFORE_STRUCTURED.length
                + structured.length
                + (isError ? AN_ERROR.length : NOT_AN_ERROR.length)
                + (rateLimit == null ? 0 : BEFORE_RATE_LIMIT.length + rateLimit.length + END_OF_META.length)
                + END.length;
        this.fixedLength = BEFORE_ID.length + id.length + BEFORE_TEXT.length + tailLength;
    }

    /**
     * The answer to {@code result}, to be written with {@link #writeInto}.
     *
     * @param id the request's id, already as JSON ({@code 7} or {@code "abc"})
     */
    public static ToolCallAnswer of(String id, ToolResult result, ObjectMapper json) {
        byte[] text = result.json() != null ? result.json() : result.text().getBytes(StandardCharsets.UTF_8);
        byte[] structured = result.json() != null ? text : bytes(result.structured(), json);
        byte[] rateLimit = !result.isError() && result.rateLimit().isPresent()
                ? bytes(result.rateLimit().get(), json)
                : null;
        return new ToolCallAnswer(id.getBytes(StandardCharsets.UTF_8), text, structured, result.isError(), rateLimit);
    }

    /**
     * The length to size an array for: exact but for the escapes, guessed as an eighth of the text
     * (the quotes of a JSON text), so that a 10 KB answer usually fits at the first try.
     */
    public int expectedLength() {
        return fixedLength + text.length + text.length / 8;
    }

    /**
     * Writes the answer into {@code into} from {@code from}; returns where it ends, or -1 if it does
     * not fit (what was written then is of no use).
     */
    public int writeInto(byte[] into, int from) {
        if (from + fixedLength + text.length > into.length) {
            return -1;
        }
        int at = put(into, from, BEFORE_ID);
        at = put(into, at, id);
        at = put(into, at, BEFORE_TEXT);
        at = escape(text, into, at, into.length - tailLength);
        if (at < 0) {
            return -1;
        }
        at = put(into, at, BEFORE_STRUCTURED);
        at = put(into, at, structured);
        at = put(into, at, isError ? AN_ERROR : NOT_AN_ERROR);
        if (rateLimit != null) {
            at = put(into, at, BEFORE_RATE_LIMIT);
            at = put(into, at, rateLimit);
            at = put(into, at, END_OF_META);
        }
        return put(into, at, END);
    }

    /** The answer's bytes, in an array of their length. */
    public byte[] toByteArray() {
        byte[] into = new byte[expectedLength()];
        int end;
        while ((end = writeInto(into, 0)) < 0) {
            into = new byte[into.length * 2];
        }
        return Arrays.copyOf(into, end);
    }

    private static int put(byte[] into, int at, byte[] part) {
        System.arraycopy(part, 0, into, at, part.length);
        return at + part.length;
    }

    /**
     * JSON string escaping of UTF-8 text (quotes, backslashes and control characters) into {@code
     * out} from {@code at}, up to {@code limit}; returns where it ends, or -1 if it would pass the
     * limit. Room for the text unescaped is there already, so only an escape has to check.
     */
    private static int escape(byte[] utf8, byte[] out, int at, int limit) {
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            int growth = GROWTH[b & 0xff];
            // Bytes of multi-byte characters (128 and up) are carried as they are.
            if (growth == 0) {
                out[at++] = b;
                continue;
            }
            if (at + growth + (utf8.length - i) > limit) {
                return -1;
            }
            out[at++] = '\\';
            switch (b) {
                case '"', '\\' -> out[at++] = b;
                case '\n' -> out[at++] = 'n';
                case '\r' -> out[at++] = 'r';
                case '\t' -> out[at++] = 't';
                case '\b' -> out[at++] = 'b';
                case '\f' -> out[at++] = 'f';
                default -> {
                    out[at++] = 'u';
                    out[at++] = '0';
                    out[at++] = '0';
                    out[at++] = HEX[(b >> 4) & 0xf];
                    out[at++] = HEX[b & 0xf];
                }
            }
        }
        return at;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}

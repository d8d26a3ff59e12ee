package io.calcommcp.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.ToolResult;
import java.io.IOException;
import java.io.OutputStream;
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
 * work a call does.
 */
public final class ToolCallAnswer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * For each byte, how much longer it gets inside a JSON string: 0 for most, 1 for a quote, a
     * backslash and the control characters with a short escape, 5 for the other control
     * characters (written as a backslash, a u and four hex digits). A table look-up per byte instead of a chain of tests.
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

    private ToolCallAnswer() {}

    /**
     * The answer in a buffer, to be written with {@link Buffer#writeTo} without copying it once more.
     *
     * @param id the request's id, already as JSON ({@code 7} or {@code "abc"})
     */
    public static Buffer answer(String id, ToolResult result, ObjectMapper json) {
        byte[] text = result.json() != null ? result.json() : result.text().getBytes(StandardCharsets.UTF_8);
        byte[] structured = result.json() != null ? text : bytes(result.structured(), json);
        // Sized once for the usual case, the text with an eighth more for its escaped quotes, so that
        // a 10 KB answer is written in one pass without growing (and copying) the buffer.
        Buffer out = new Buffer(text.length + text.length / 8 + structured.length + id.length() + 256);
        out.ascii("{\"jsonrpc\":\"2.0\",\"id\":");
        out.ascii(id);
        out.ascii(",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"");
        out.escaped(text);
        out.ascii("\"}],\"structuredContent\":");
        out.bytes(structured);
        out.ascii(result.isError() ? ",\"isError\":true" : ",\"isError\":false");
        if (!result.isError() && result.rateLimit().isPresent()) {
            out.ascii(",\"_meta\":{\"" + McpToolSurface.RATE_LIMIT + "\":");
            out.bytes(bytes(result.rateLimit().get(), json));
            out.ascii("}");
        }
        out.ascii("}}");
        return out;
    }

    /** A growing byte array without the locking of {@code ByteArrayOutputStream}: one call, one thread. */
    public static final class Buffer {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            this.bytes = new byte[capacity];
        }

        void ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                room(1);
                bytes[size++] = (byte) text.charAt(i);
            }
        }

        void bytes(byte[] more) {
            room(more.length);
            System.arraycopy(more, 0, bytes, size, more.length);
            size += more.length;
        }

        /** JSON string escaping of UTF-8 text: quotes, backslashes and control characters. */
        void escaped(byte[] utf8) {
            room(utf8.length);
            byte[] out = bytes;
            int at = size;
            for (int i = 0; i < utf8.length; i++) {
                byte b = utf8[i];
                int growth = GROWTH[b & 0xff];
                // Bytes of multi-byte characters (128 and up) are carried as they are.
                if (growth == 0) {
                    out[at++] = b;
                    continue;
                }
                if (at + growth + (utf8.length - i) > out.length) {
                    size = at;
                    room(growth + (utf8.length - i));
                    out = bytes;
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
            size = at;
        }

        /** How many bytes the answer has. */
        public int length() {
            return size;
        }

        /** Writes the answer to {@code out}. */
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes, 0, size);
        }

        /** A copy of the answer's bytes. */
        public byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private static byte[] bytes(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}

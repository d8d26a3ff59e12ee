package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.toolapi.Paging;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Makes and reads the {@code next_cursor} of paging tools. A cursor holds where the next page
 * starts, a fingerprint of the tool and one of the call's other arguments, and a check value over
 * all of that, base64url-encoded: nothing is kept in server memory, so any replica, before or
 * after a restart, reads a cursor another one made.
 *
 * <p>The fingerprints make a cursor good only for the tool and the filters of the call it came
 * from: paging through one list with the filters of another would skip or repeat records without
 * anyone noticing. The check value catches a cursor that was cut or changed. Cursors are not
 * secret and need not be: all one can forge is a position in a list the caller may read anyway.
 */
final class Cursors {

    private static final byte VERSION = 1;
    private static final int TOOL_BYTES = 4;
    private static final int ARGUMENTS_BYTES = 8;
    private static final int CHECK_BYTES = 8;
    private static final int LENGTH = 1 + Long.BYTES + TOOL_BYTES + ARGUMENTS_BYTES + CHECK_BYTES;
    private static final byte[] CHECK_CONTEXT = "mcp-cursor-check-v1".getBytes(StandardCharsets.UTF_8);

    /** Where a cursor says the next page starts. */
    record Position(long offset) {}

    /** The cursor for the page that starts at {@code offset} of the list {@code tool} returns for {@code arguments}. */
    String make(String tool, JsonNode arguments, long offset) {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
        buffer.put(VERSION).putLong(offset).put(fingerprint(tool, TOOL_BYTES)).put(argumentsFingerprint(arguments));
        byte[] body = Arrays.copyOf(buffer.array(), LENGTH - CHECK_BYTES);
        buffer.put(check(body));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /**
     * Reads a cursor that {@code tool} made for these arguments.
     *
     * @throws InvalidArgumentsException saying what is wrong and how to start again
     */
    Position read(String tool, JsonNode arguments, String cursor) throws InvalidArgumentsException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != LENGTH
                || bytes[0] != VERSION
                || !MessageDigest.isEqual(
                        check(Arrays.copyOf(bytes, LENGTH - CHECK_BYTES)),
                        Arrays.copyOfRange(bytes, LENGTH - CHECK_BYTES, LENGTH))) {
            throw problem(Paging.CURSOR + ": \"" + shorten(cursor) + "\" is not a cursor this server gave out (it may"
                    + " have been cut or changed). Copy next_cursor exactly from the previous result, or call " + tool
                    + " without next_cursor to start from the first page.");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        long offset = buffer.getLong();
        byte[] toolPrint = new byte[TOOL_BYTES];
        buffer.get(toolPrint);
        byte[] argumentsPrint = new byte[ARGUMENTS_BYTES];
        buffer.get(argumentsPrint);
        if (!Arrays.equals(toolPrint, fingerprint(tool, TOOL_BYTES))) {
            throw problem(Paging.CURSOR + ": this cursor was given out by another tool, not " + tool + ". Call " + tool
                    + " without next_cursor to start from the first page.");
        }
        if (!Arrays.equals(argumentsPrint, argumentsFingerprint(arguments))) {
            throw problem(Paging.CURSOR + ": this cursor belongs to a call with other arguments; the filters must"
                    + " stay the same from page to page (only " + Paging.LIMIT + " may change). Repeat the first"
                    + " call's arguments with this cursor, or call " + tool
                    + " without next_cursor to start over with the new ones.");
        }
        if (offset < 0) {
            throw problem(Paging.CURSOR + ": the cursor points before the first record; call " + tool
                    + " without next_cursor to start from the first page.");
        }
        return new Position(offset);
    }

    private static InvalidArgumentsException problem(String sentence) {
        return new InvalidArgumentsException(List.of(sentence));
    }

    private static String shorten(String cursor) {
        return cursor.length() <= 60 ? cursor : cursor.substring(0, 57) + "...";
    }

    /**
     * A fingerprint of the arguments that decide which list is paged: all but the paging ones, in a
     * canonical form (keys sorted, numbers without trailing zeros), so that the same filters
     * always give the same fingerprint.
     */
    private static byte[] argumentsFingerprint(JsonNode arguments) {
        StringBuilder canonical = new StringBuilder();
        List<String> names = new ArrayList<>();
        arguments.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            if (name.equals(Paging.LIMIT)
                    || name.equals(Paging.CURSOR)
                    || arguments.get(name).isNull()) {
                continue;
            }
            canonical.append(quoted(name)).append(':');
            write(arguments.get(name), canonical);
            canonical.append(',');
        }
        return fingerprint(canonical.toString(), ARGUMENTS_BYTES);
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(value.properties());
            fields.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (Map.Entry<String, JsonNode> field : fields) {
                out.append(quoted(field.getKey())).append(':');
                write(field.getValue(), out);
                out.append(',');
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (JsonNode item : value) {
                write(item, out);
                out.append(',');
            }
            out.append(']');
        } else if (value.isNumber()) {
            out.append(value.decimalValue().stripTrailingZeros().toPlainString());
        } else if (value.isTextual()) {
            out.append(quoted(value.textValue()));
        } else {
            out.append(value.toString());
        }
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static byte[] fingerprint(String text, int length) {
        return Arrays.copyOf(sha256(text.getBytes(StandardCharsets.UTF_8)), length);
    }

    private static byte[] check(byte[] body) {
        byte[] input = Arrays.copyOf(CHECK_CONTEXT, CHECK_CONTEXT.length + body.length);
        System.arraycopy(body, 0, input, CHECK_CONTEXT.length, body.length);
        return Arrays.copyOf(sha256(input), CHECK_BYTES);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

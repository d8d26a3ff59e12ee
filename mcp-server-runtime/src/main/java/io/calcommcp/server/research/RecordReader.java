package io.calcommcp.server.research;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.toolapi.RecordPointer;
import io.calcommcp.toolapi.RouteArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the fields of one JSON record at the profile's pointers, where {@code *} goes through every
 * item of an array. A field that is missing or null has no value; it is never an error, since the
 * API may leave out what it has not got.
 */
final class RecordReader {

    private RecordReader() {}

    /** Every value at {@code pointer}; a list at the end is its items. */
    static List<JsonNode> values(JsonNode record, String pointer) {
        List<JsonNode> current = List.of(record);
        for (String segment : RecordPointer.segments(pointer)) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (segment.equals(RouteArgument.ANY_ITEM)) {
                    if (node.isArray()) {
                        node.forEach(next::add);
                    }
                } else if (node.isObject() && node.has(segment)) {
                    next.add(node.get(segment));
                } else if (node.isArray()
                        && segment.matches("0|[1-9][0-9]{0,8}")
                        && node.has(Integer.parseInt(segment))) {
                    next.add(node.get(Integer.parseInt(segment)));
                }
            }
            current = next;
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode node : current) {
            if (node.isArray()) {
                node.forEach(item -> addPresent(item, out));
            } else {
                addPresent(node, out);
            }
        }
        return out;
    }

    /** The values at {@code pointer} as text: scalars as they read, anything else as compact JSON. */
    static List<String> texts(JsonNode record, String pointer) {
        List<String> out = new ArrayList<>();
        for (JsonNode value : values(record, pointer)) {
            String text = value.isValueNode() ? value.asText() : value.toString();
            if (!text.isBlank()) {
                out.add(text.strip());
            }
        }
        return out;
    }

    /** The first value at {@code pointer}, as text. */
    static Optional<String> text(JsonNode record, String pointer) {
        return texts(record, pointer).stream().findFirst();
    }

    /**
     * A field's name for people, from its pointer: {@code /attendees/*}{@code /email} reads
     * "Attendees email", {@code /lengthInMinutes} "Length in minutes".
     */
    static String label(String pointer) {
        StringBuilder words = new StringBuilder();
        for (String segment : RecordPointer.segments(pointer)) {
            if (segment.equals(RouteArgument.ANY_ITEM)) {
                continue;
            }
            String spaced = segment.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ');
            if (words.length() > 0) {
                words.append(' ');
            }
            words.append(spaced.toLowerCase(Locale.ROOT));
        }
        if (words.length() == 0) {
            return "Value";
        }
        words.setCharAt(0, Character.toUpperCase(words.charAt(0)));
        return words.toString();
    }

    private static void addPresent(JsonNode node, List<JsonNode> out) {
        if (node != null && !node.isNull() && !node.isMissingNode()) {
            out.add(node);
        }
    }
}

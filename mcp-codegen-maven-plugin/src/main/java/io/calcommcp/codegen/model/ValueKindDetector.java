package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.toolapi.ValueKind;
import java.util.regex.Pattern;

/**
 * Recognises timestamps and dates among string schemas. Specs mark only some timestamps with
 * {@code format: date-time}; many are plain strings whose example shows the form, so the
 * example counts too. The tagging rules can override the result per argument.
 */
final class ValueKindDetector {

    private static final Pattern DATE_TIME_EXAMPLE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final Pattern DATE_EXAMPLE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    private ValueKindDetector() {}

    /** The kind of value a (converted) schema describes. */
    static ValueKind detect(JsonNode schema) {
        if (!isString(schema)) {
            return ValueKind.PLAIN;
        }
        String format = schema.path("format").asText("");
        if (format.equals("date-time")) {
            return ValueKind.TIMESTAMP;
        }
        if (format.equals("date")) {
            return ValueKind.DATE;
        }
        String example = exampleOf(schema);
        if (DATE_TIME_EXAMPLE.matcher(example).find()) {
            return ValueKind.TIMESTAMP;
        }
        if (DATE_EXAMPLE.matcher(example).matches()) {
            return ValueKind.DATE;
        }
        return ValueKind.PLAIN;
    }

    /** Whether the schema allows strings. */
    static boolean isString(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText().equals("string");
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.asText().equals("string")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String exampleOf(JsonNode schema) {
        if (schema.path("examples").isArray() && schema.get("examples").size() > 0) {
            return schema.get("examples").get(0).asText("");
        }
        return schema.path("example").asText("");
    }
}

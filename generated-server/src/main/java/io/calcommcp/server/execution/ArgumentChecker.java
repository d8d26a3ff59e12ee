package io.calcommcp.server.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.calcommcp.server.tools.RouteArgument;
import io.calcommcp.server.tools.ValueKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks tool arguments before anything is sent upstream: first against the tool's JSON Schema
 * (2020-12), then each date or timestamp against its {@link ValueKind}.
 *
 * <p>We validate here instead of leaving it to the SDK because the SDK's message for a failed
 * input check talks about "structuredContent" and the "outputSchema", which misleads a model,
 * and because the timestamp check needs the generated value kinds anyway. Each schema was
 * compiled at start-up ({@link CatalogTool#of}), so a call costs one validation pass.
 */
public final class ArgumentChecker {

    // A timestamp must be unambiguous: an explicit offset (Z or +hh:mm) so it cannot land on the wrong day.
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern LOCAL_DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    private static final int MAX_SCHEMA_PROBLEMS = 8;

    /**
     * Returns every problem with the arguments, each a sentence that names the argument and says
     * how to fix it; an empty list means the arguments may be sent.
     */
    public List<String> check(CatalogTool tool, JsonNode arguments) {
        List<String> problems = new ArrayList<>();
        List<Error> errors = tool.compiledSchema().validate(arguments);
        for (Error error : errors.subList(0, Math.min(errors.size(), MAX_SCHEMA_PROBLEMS))) {
            problems.add(describe(error));
        }
        if (errors.size() > MAX_SCHEMA_PROBLEMS) {
            problems.add("(" + (errors.size() - MAX_SCHEMA_PROBLEMS) + " more problems not shown)");
        }
        for (RouteArgument argument : tool.definition().route().arguments()) {
            JsonNode value = arguments.get(argument.name());
            if (value != null && value.isTextual() && argument.kind() != ValueKind.PLAIN) {
                checkKind(argument.name(), argument.kind(), value.asText(), problems);
            }
        }
        // Timestamps nested inside object arguments are only known by their schema's format.
        for (Map.Entry<String, JsonNode> field : arguments.properties()) {
            if (field.getValue().isContainerNode()) {
                JsonNode propertySchema = tool.inputSchema().path("properties").path(field.getKey());
                checkNested(field.getKey(), propertySchema, field.getValue(), problems);
            }
        }
        return problems;
    }

    private static String describe(Error error) {
        // Name the argument the way the model wrote it: "attendee.email", not "/attendee/email".
        String location = error.getInstanceLocation() == null
                ? ""
                : error.getInstanceLocation().toString();
        String message = error.getMessage();
        if (!location.isEmpty() && message.startsWith(location)) {
            message = message.substring(location.length()).replaceFirst("^[:\\s]+", "");
        }
        String name = location.replaceFirst("^[$/.]+", "").replace('/', '.');
        return name.isEmpty() ? message : name + ": " + message;
    }

    private static void checkNested(String path, JsonNode schema, JsonNode value, List<String> problems) {
        Set<JsonNode> schemas = new LinkedHashSet<>();
        collectAlternatives(schema, schemas);
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String fieldPath = path + "." + field.getKey();
                for (JsonNode s : schemas) {
                    JsonNode propertySchema = s.path("properties").path(field.getKey());
                    if (propertySchema.isMissingNode()) {
                        continue;
                    }
                    if (field.getValue().isTextual()
                            && "date-time".equals(propertySchema.path("format").asText())) {
                        checkKind(
                                fieldPath, ValueKind.TIMESTAMP, field.getValue().asText(), problems);
                        break;
                    }
                    if (field.getValue().isContainerNode()) {
                        checkNested(fieldPath, propertySchema, field.getValue(), problems);
                        break;
                    }
                }
            }
        } else if (value.isArray()) {
            for (JsonNode s : schemas) {
                JsonNode items = s.path("items");
                if (!items.isMissingNode()) {
                    for (int i = 0; i < value.size(); i++) {
                        JsonNode item = value.get(i);
                        if (item.isTextual()
                                && "date-time".equals(items.path("format").asText())) {
                            checkKind(path + "[" + i + "]", ValueKind.TIMESTAMP, item.asText(), problems);
                        } else if (item.isContainerNode()) {
                            checkNested(path + "[" + i + "]", items, item, problems);
                        }
                    }
                    break;
                }
            }
        }
    }

    // A property may be described by the schema itself or by any of its anyOf/oneOf/allOf branches.
    private static void collectAlternatives(JsonNode schema, Set<JsonNode> out) {
        if (!schema.isObject() || !out.add(schema)) {
            return;
        }
        for (String keyword : List.of("anyOf", "oneOf", "allOf")) {
            for (JsonNode branch : schema.path(keyword)) {
                collectAlternatives(branch, out);
            }
        }
    }

    /** Adds a problem if {@code value} is not of the given kind. */
    static void checkKind(String name, ValueKind kind, String value, List<String> problems) {
        switch (kind) {
            case TIMESTAMP -> {
                if (!isTimestamp(value)) {
                    problems.add(timestampProblem(name, value, false));
                }
            }
            case DATE -> {
                if (!isDate(value)) {
                    problems.add(name + ": \"" + value
                            + "\" is not a date. Write it as YYYY-MM-DD, for example 2026-10-15.");
                }
            }
            case DATE_OR_TIMESTAMP -> {
                if (!isDate(value) && !isTimestamp(value)) {
                    problems.add(timestampProblem(name, value, true));
                }
            }
            case PLAIN -> {}
        }
    }

    private static String timestampProblem(String name, String value, boolean dateAllowed) {
        String alternatives = dateAllowed ? " (or a plain date such as 2026-10-15)" : "";
        if (LOCAL_DATE_TIME.matcher(value).matches()) {
            return name + ": \"" + value
                    + "\" has no UTC offset, so the API would read it in UTC and it may land at the wrong"
                    + " time or day. Add the offset of the intended time zone, for example \"" + value
                    + "-05:00\" for US"
                    + " Eastern Standard Time or \"" + value + "Z\" for UTC" + alternatives + ".";
        }
        if (!dateAllowed && DATE_ONLY.matcher(value).matches()) {
            return name + ": \"" + value
                    + "\" is a date without a time. Give a full ISO 8601 timestamp with an explicit"
                    + " offset, for example \"" + value + "T14:00:00-05:00\" or \"" + value + "T19:00:00Z\".";
        }
        return name + ": \"" + value + "\" is not an ISO 8601 timestamp with an explicit offset. Write it like"
                + " 2026-10-15T14:00:00-05:00 or 2026-10-15T19:00:00Z" + alternatives + ".";
    }

    private static boolean isTimestamp(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

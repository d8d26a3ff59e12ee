package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.calcommcp.toolapi.RouteArgument;
import io.calcommcp.toolapi.ValueKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks tool arguments before anything is sent upstream: first against the tool's JSON Schema
 * (2020-12), then every date, timestamp and time zone the route names, at the top level and
 * nested, against its {@link ValueKind}. The generator decided which strings those are; nothing is re-derived here.
 *
 * <p>We validate here instead of leaving it to the SDK because the SDK's message for a failed
 * input check talks about "structuredContent" and the "outputSchema", which misleads a model,
 * and because the timestamp check needs the value kinds anyway. Each schema was compiled at
 * first use ({@link PreparedTool#compiledSchema}), so a call costs one validation pass.
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
    public List<String> check(PreparedTool tool, JsonNode arguments) {
        List<String> problems = new ArrayList<>();
        List<String> schemaProblems =
                VariantErrors.describe(tool.compiledSchema().validate(arguments), arguments);
        problems.addAll(schemaProblems.subList(0, Math.min(schemaProblems.size(), MAX_SCHEMA_PROBLEMS)));
        if (schemaProblems.size() > MAX_SCHEMA_PROBLEMS) {
            problems.add("(" + (schemaProblems.size() - MAX_SCHEMA_PROBLEMS) + " more problems not shown)");
        }
        for (RouteArgument argument : tool.definition().route().arguments()) {
            JsonNode value = arguments.get(argument.name());
            if (value == null) {
                continue;
            }
            if (value.isTextual() && argument.kind() != ValueKind.PLAIN) {
                checkKind(argument.name(), argument.kind(), value.asText(), problems);
            }
            for (Map.Entry<String, ValueKind> nested : argument.nestedKinds().entrySet()) {
                checkNested(argument.name(), value, segments(nested.getKey()), 0, nested.getValue(), problems);
            }
        }
        return problems;
    }

    static String describe(Error error) {
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

    /** Follows the pointer's segments into {@code value}; {@code *} is every item of an array. */
    private static void checkNested(
            String path, JsonNode value, List<String> segments, int next, ValueKind kind, List<String> problems) {
        if (next == segments.size()) {
            if (value.isTextual()) {
                checkKind(path, kind, value.asText(), problems);
            }
            return;
        }
        String segment = segments.get(next);
        if (segment.equals(RouteArgument.ANY_ITEM) && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                checkNested(path + "[" + i + "]", value.get(i), segments, next + 1, kind, problems);
            }
        } else if (value.isObject() && value.has(segment)) {
            checkNested(path + "." + segment, value.get(segment), segments, next + 1, kind, problems);
        }
    }

    private static List<String> segments(String pointer) {
        List<String> out = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
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
            case TIME_ZONE -> {
                if (!TimeZones.isValid(value)) {
                    problems.add(TimeZones.problem(name, value));
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

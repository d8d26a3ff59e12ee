package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.spec.SchemaConverter;
import io.calcommcp.toolapi.RouteArgument;
import io.calcommcp.toolapi.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generator's policy on strings that hold dates and times, applied once: the model is told the
 * exact form each one takes, and the route tells the server which values to check.
 */
final class ValueKinds {

    private ValueKinds() {}

    // A spec sentence that demands UTC contradicts the guidance (any explicit offset is right).
    private static final Pattern UTC_SENTENCE =
            Pattern.compile("(?i)(^|(?<=[.!?]\\s))[^.!?]*\\bmust be in UTC\\b[^.!?]*[.!?]\\s*");
    private static final Pattern UTC_PHRASE = Pattern.compile("(?i),?\\s+in UTC(\\s+time\\s?zone)?(?=[\\s.,;]|$)");

    /**
     * Finishes each converted schema node: a string whose description names its only allowed
     * value (one of the rules' {@code const-from-description} patterns) gets it as its {@code
     * const}; a timestamp recognised only by its example gets {@code format: date-time} (so it
     * counts as a timestamp wherever it is nested); every date or timestamp loses what its prose
     * says against the guidance and gets the sentence that says how to write it.
     */
    static SchemaConverter.Finisher finisher(List<Pattern> constFromDescription) {
        return out -> {
            constFromDescription(out, constFromDescription);
            finish(out);
        };
    }

    private static void finish(ObjectNode out) {
        ValueKind kind = ValueKindDetector.detect(out);
        if (kind == ValueKind.TIMESTAMP && !out.has("format")) {
            out.put("format", "date-time");
        }
        kind.guidance().ifPresent(guidance -> {
            String description = withoutUtcDemands(out.path("description").asText(""), kind);
            if (!description.contains(guidance)) {
                out.put("description", (description + " " + guidance).trim());
            }
        });
    }

    /**
     * The description without what a spec says against the guidance: a timestamp "must be in UTC
     * timezone", while the server accepts (and asks for) any explicit offset.
     */
    static String withoutUtcDemands(String description, ValueKind kind) {
        if (kind != ValueKind.TIMESTAMP && kind != ValueKind.DATE_OR_TIMESTAMP) {
            return description;
        }
        String out = UTC_SENTENCE.matcher(description).replaceAll("");
        return UTC_PHRASE.matcher(out).replaceAll("").trim();
    }

    private static void constFromDescription(ObjectNode out, List<Pattern> patterns) {
        if (patterns.isEmpty() || !ValueKindDetector.isString(out) || out.has("const") || out.has("enum")) {
            return;
        }
        String description = out.path("description").asText("");
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(description);
            if (m.find()) {
                String value = m.group(1);
                JsonNode example = out.path("examples").path(0);
                if (example.isMissingNode() || example.asText().equals(value)) {
                    out.put("const", value);
                }
                return;
            }
        }
    }

    /**
     * The kinds of the strings inside an argument's value, by pointer: every nested string schema
     * (in properties, array items, or any {@code anyOf}/{@code oneOf}/{@code allOf} branch) that is
     * a timestamp or a date, or whose property name the rules' {@code value-kinds} give a kind.
     */
    static SortedMap<String, ValueKind> nested(JsonNode argumentSchema, Map<String, ValueKind> byName) {
        SortedMap<String, ValueKind> kinds = new TreeMap<>();
        collect(argumentSchema, "", null, byName, kinds);
        return kinds;
    }

    // Converted schemas are trees (a recursive $ref became an open schema), so this ends.
    private static void collect(
            JsonNode schema,
            String pointer,
            String property,
            Map<String, ValueKind> byName,
            Map<String, ValueKind> kinds) {
        List<JsonNode> alternatives = new ArrayList<>();
        alternativesOf(schema, alternatives);
        for (JsonNode s : alternatives) {
            if (!pointer.isEmpty()) {
                ValueKind kind = ValueKindDetector.detect(s);
                if (property != null && byName.containsKey(property) && ValueKindDetector.isString(s)) {
                    kind = byName.get(property);
                }
                if (kind != ValueKind.PLAIN) {
                    kinds.putIfAbsent(pointer, kind);
                }
            }
            s.path("properties")
                    .properties()
                    .forEach(field -> collect(
                            field.getValue(), pointer + "/" + escape(field.getKey()), field.getKey(), byName, kinds));
            if (s.path("items").isObject()) {
                collect(s.get("items"), pointer + "/" + RouteArgument.ANY_ITEM, null, byName, kinds);
            }
        }
    }

    /**
     * Tells the model how to write every nested property whose name the rules' {@code value-kinds}
     * give a kind: its description gets the kind's sentence.
     */
    static void nameNested(JsonNode schema, Map<String, ValueKind> byName) {
        if (byName.isEmpty()) {
            return;
        }
        List<JsonNode> alternatives = new ArrayList<>();
        alternativesOf(schema, alternatives);
        for (JsonNode s : alternatives) {
            s.path("properties").properties().forEach(field -> {
                ValueKind kind = byName.get(field.getKey());
                if (kind != null && field.getValue() instanceof ObjectNode property) {
                    for (JsonNode branch : branchesAllowingStrings(property)) {
                        kind.guidance().ifPresent(g -> addGuidance((ObjectNode) branch, g));
                    }
                }
                nameNested(field.getValue(), byName);
            });
            if (s.path("items").isObject()) {
                nameNested(s.get("items"), byName);
            }
        }
    }

    private static List<JsonNode> branchesAllowingStrings(ObjectNode property) {
        List<JsonNode> alternatives = new ArrayList<>();
        alternativesOf(property, alternatives);
        return alternatives.stream().filter(ValueKindDetector::isString).toList();
    }

    private static void addGuidance(ObjectNode schema, String guidance) {
        String description = schema.path("description").asText("");
        if (!description.contains(guidance)) {
            schema.put("description", (description + " " + guidance).trim());
        }
    }

    // A property may be described by the schema itself or by any of its anyOf/oneOf/allOf branches.
    private static void alternativesOf(JsonNode schema, List<JsonNode> out) {
        if (!schema.isObject()) {
            return;
        }
        out.add(schema);
        for (String keyword : List.of("anyOf", "oneOf", "allOf")) {
            for (JsonNode branch : schema.path(keyword)) {
                alternativesOf(branch, out);
            }
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}

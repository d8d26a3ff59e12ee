package io.calcommcp.codegen.surface;

import static io.calcommcp.codegen.surface.MessageText.code;
import static io.calcommcp.codegen.surface.MessageText.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the input schemas of one tool, argument by argument. Walks {@code properties} (paths
 * {@code a.b}), array {@code items} ({@code a[]}) and, when both sides have the same number of
 * {@code anyOf}/{@code oneOf} variants, each variant by position ({@code a.oneOf[1]}).
 *
 * <p>Changes are emitted depth first in sorted key order: a schema's own changes before those of
 * its arguments, so the output is deterministic and reads top down.
 */
final class SchemaDiff {

    /** Keywords compared by dedicated rules below; everything else goes to {@link #otherKeywords}. */
    private static final Set<String> DEDICATED =
            Set.of("type", "format", "enum", "description", "anyOf", "oneOf", "properties", "required");

    /** Keywords that never reject a value (JSON Schema annotations), besides {@code x-} extensions. */
    private static final Set<String> ANNOTATIONS =
            Set.of("title", "default", "deprecated", "readOnly", "writeOnly", "$comment");

    /** Bounds where a larger value rejects more / a smaller value rejects more. */
    private static final Set<String> LOWER_BOUNDS =
            Set.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains");

    private static final Set<String> UPPER_BOUNDS =
            Set.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains");

    /** Keywords whose value is data, not a schema: examples inside them are not schema examples. */
    private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default");

    /** Keywords whose value maps names to schemas: their keys are names, never keywords. */
    private static final Set<String> SCHEMA_MAPS =
            Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");

    private final String tool;
    private final List<SurfaceChange> out;

    private SchemaDiff(String tool, List<SurfaceChange> out) {
        this.tool = tool;
        this.out = out;
    }

    /** Appends the differences between two input schemas of {@code tool} to {@code out}. */
    static void compare(String tool, ObjectNode locked, ObjectNode current, List<SurfaceChange> out) {
        new SchemaDiff(tool, out).compareSchemas("", withoutExamples(locked), withoutExamples(current));
    }

    private void compareSchemas(String path, JsonNode old, JsonNode now) {
        if (old.equals(now)) {
            return;
        }
        if (!old.isObject() || !now.isObject()) {
            // Boolean schemas (true/false) and malformed ones: no structure to compare.
            add(path, ChangeKind.CONSTRAINT_CHANGED, true, subject(path) + " schema changed");
            return;
        }
        compareType(path, old, now);
        compareFormat(path, old, now);
        compareEnum(path, old, now);
        if (!Objects.equals(old.get("description"), now.get("description"))) {
            add(path, ChangeKind.DESCRIPTION_CHANGED, false, subject(path) + " description changed");
        }
        compareVariants(path, old, now);
        otherKeywords(path, old, now);
        compareProperties(path, old, now);
        JsonNode oldItems = old.get("items");
        JsonNode newItems = now.get("items");
        if (isObject(oldItems) && isObject(newItems)) {
            compareSchemas(path + "[]", oldItems, newItems);
        }
    }

    private void compareType(String path, JsonNode old, JsonNode now) {
        Set<String> before = types(old);
        Set<String> after = types(now);
        if (before.equals(after)) {
            return;
        }
        // Widening (string -> [string, null], integer -> number) cannot make a valid call fail.
        boolean widened = after.isEmpty()
                || (!before.isEmpty()
                        && before.stream()
                                .allMatch(t -> after.contains(t) || (t.equals("integer") && after.contains("number"))));
        add(
                path,
                ChangeKind.TYPE_CHANGED,
                !widened,
                subject(path) + " type " + (widened ? "widened" : "changed") + " from " + typeText(before) + " to "
                        + typeText(after));
    }

    private void compareFormat(String path, JsonNode old, JsonNode now) {
        JsonNode before = old.get("format");
        JsonNode after = now.get("format");
        if (Objects.equals(before, after)) {
            return;
        }
        String subject = subject(path);
        if (after == null) {
            add(path, ChangeKind.FORMAT_CHANGED, false, subject + " format " + MessageText.value(before) + " removed");
        } else if (before == null) {
            add(path, ChangeKind.FORMAT_CHANGED, true, subject + " format " + MessageText.value(after) + " added");
        } else {
            add(
                    path,
                    ChangeKind.FORMAT_CHANGED,
                    true,
                    subject + " format changed from " + MessageText.value(before) + " to " + MessageText.value(after));
        }
    }

    private void compareEnum(String path, JsonNode old, JsonNode now) {
        JsonNode before = old.get("enum");
        JsonNode after = now.get("enum");
        if (Objects.equals(before, after)) {
            return;
        }
        String subject = subject(path);
        if (before == null) {
            // Only a sample: the point is the new restriction, and real enums run to 20+ values.
            List<JsonNode> values = elements(after);
            String sample = values.size() <= 5
                    ? MessageText.values(values)
                    : MessageText.values(values.subList(0, 5)) + " and " + (values.size() - 5) + " more";
            add(path, ChangeKind.ENUM_VALUES_REMOVED, true, subject + " is now restricted to enum values " + sample);
            return;
        }
        if (after == null) {
            add(path, ChangeKind.ENUM_VALUES_ADDED, false, subject + " is no longer restricted to enum values");
            return;
        }
        List<JsonNode> removed = elements(before);
        removed.removeAll(elements(after));
        List<JsonNode> added = elements(after);
        added.removeAll(elements(before));
        if (!removed.isEmpty()) {
            add(
                    path,
                    ChangeKind.ENUM_VALUES_REMOVED,
                    true,
                    subject + " enum values removed: " + MessageText.values(removed));
        }
        if (!added.isEmpty()) {
            add(
                    path,
                    ChangeKind.ENUM_VALUES_ADDED,
                    false,
                    subject + " enum values added: " + MessageText.values(added));
        }
    }

    private void compareVariants(String path, JsonNode old, JsonNode now) {
        int oldAnyOf = count(old, "anyOf");
        int oldOneOf = count(old, "oneOf");
        int newAnyOf = count(now, "anyOf");
        int newOneOf = count(now, "oneOf");
        // The build relaxes Cal.com's non-discriminated oneOf to anyOf (a value matching two
        // variants is then accepted): a switch with the same variants is a kind change, not
        // "all variants removed, all added".
        if (oldOneOf > 0 && oldAnyOf == 0 && newAnyOf == oldOneOf && newOneOf == 0) {
            add(path, ChangeKind.VARIANTS_CHANGED, false, subject(path) + " oneOf relaxed to anyOf");
            compareEachVariant(path, "anyOf", old.get("oneOf"), now.get("anyOf"));
            return;
        }
        if (oldAnyOf > 0 && oldOneOf == 0 && newOneOf == oldAnyOf && newAnyOf == 0) {
            add(path, ChangeKind.VARIANTS_CHANGED, true, subject(path) + " anyOf tightened to oneOf");
            compareEachVariant(path, "oneOf", old.get("anyOf"), now.get("oneOf"));
            return;
        }
        for (String keyword : List.of("anyOf", "oneOf")) {
            int before = count(old, keyword);
            int after = count(now, keyword);
            if (before == after) {
                compareEachVariant(path, keyword, old.get(keyword), now.get(keyword));
            } else if (before == 0) {
                // Introducing variants restricts a schema that had none.
                add(
                        path,
                        ChangeKind.VARIANTS_CHANGED,
                        true,
                        subject(path) + " must now match " + keyword + " (" + after + " variants)");
            } else if (after == 0) {
                add(
                        path,
                        ChangeKind.VARIANTS_CHANGED,
                        false,
                        subject(path) + " no longer has " + keyword + " variants (was " + before + ")");
            } else {
                boolean removed = after < before;
                add(
                        path,
                        ChangeKind.VARIANTS_CHANGED,
                        removed,
                        subject(path) + " " + keyword + " variants " + (removed ? "removed" : "added") + " (" + before
                                + " -> " + after + ")");
            }
        }
    }

    /** Variants are compared by position, which only makes sense when the counts match. */
    private void compareEachVariant(String path, String keyword, JsonNode old, JsonNode now) {
        for (int i = 0; old != null && now != null && i < old.size() && i < now.size(); i++) {
            compareSchemas(child(path, keyword + "[" + i + "]"), old.get(i), now.get(i));
        }
    }

    private void compareProperties(String path, JsonNode old, JsonNode now) {
        JsonNode oldProperties = old.path("properties");
        JsonNode newProperties = now.path("properties");
        Set<String> oldRequired = textSet(old.get("required"));
        Set<String> newRequired = textSet(now.get("required"));
        // Names listed only under "required" count too: a variant may just require a property.
        Set<String> names = new TreeSet<>(oldRequired);
        names.addAll(newRequired);
        oldProperties.properties().forEach(e -> names.add(e.getKey()));
        newProperties.properties().forEach(e -> names.add(e.getKey()));
        for (String name : names) {
            String argument = child(path, name);
            JsonNode before = oldProperties.get(name);
            JsonNode after = newProperties.get(name);
            boolean wasRequired = oldRequired.contains(name);
            boolean isRequired = newRequired.contains(name);
            if (before == null && after != null) {
                boolean breaking = isRequired && !wasRequired;
                add(
                        argument,
                        ChangeKind.ARGUMENT_ADDED,
                        breaking,
                        subject(argument) + " added (" + (isRequired ? "required" : "optional") + ")");
            } else if (before != null && after == null) {
                add(argument, ChangeKind.ARGUMENT_REMOVED, true, subject(argument) + " removed");
            } else {
                if (isRequired && !wasRequired) {
                    add(argument, ChangeKind.ARGUMENT_REQUIRED, true, subject(argument) + " is now required");
                } else if (wasRequired && !isRequired) {
                    add(argument, ChangeKind.ARGUMENT_OPTIONAL, false, subject(argument) + " is no longer required");
                }
                if (before != null) {
                    compareSchemas(argument, before, after);
                }
            }
        }
    }

    /** Keywords without a dedicated rule, classified by what they can do to validation. */
    private void otherKeywords(String path, JsonNode old, JsonNode now) {
        Set<String> keywords = new TreeSet<>();
        old.properties().forEach(e -> keywords.add(e.getKey()));
        now.properties().forEach(e -> keywords.add(e.getKey()));
        for (String keyword : keywords) {
            JsonNode before = old.get(keyword);
            JsonNode after = now.get(keyword);
            // Object-valued items are compared argument by argument (path "a[]"); anything else here.
            boolean itemsCompared = keyword.equals("items") && isObject(before) && isObject(after);
            if (Objects.equals(before, after) || DEDICATED.contains(keyword) || itemsCompared) {
                continue;
            }
            boolean annotation = ANNOTATIONS.contains(keyword) || keyword.startsWith("x-");
            boolean breaking;
            if (annotation || after == null) {
                breaking = false; // dropping an assertion can only accept more values
            } else if (before == null) {
                breaking = true;
            } else if (before.isNumber() && after.isNumber() && LOWER_BOUNDS.contains(keyword)) {
                breaking = after.decimalValue().compareTo(before.decimalValue()) > 0;
            } else if (before.isNumber() && after.isNumber() && UPPER_BOUNDS.contains(keyword)) {
                breaking = after.decimalValue().compareTo(before.decimalValue()) < 0;
            } else {
                breaking = true; // cannot tell whether the new value rejects more: assume it may
            }
            String change;
            if (before == null) {
                change = " added" + (after.isValueNode() ? ": " + MessageText.value(after) : "");
            } else if (after == null) {
                change = " removed";
            } else if (before.isValueNode() && after.isValueNode()) {
                change = " changed from " + MessageText.value(before) + " to " + MessageText.value(after);
            } else {
                change = " changed";
            }
            add(
                    path,
                    annotation ? ChangeKind.ANNOTATION_CHANGED : ChangeKind.CONSTRAINT_CHANGED,
                    breaking,
                    subject(path) + " " + code(keyword) + change);
        }
    }

    private void add(String path, ChangeKind kind, boolean breaking, String message) {
        Optional<String> argument = path.isEmpty() ? Optional.empty() : Optional.of(path);
        out.add(new SurfaceChange(tool, argument, kind, breaking, message));
    }

    /**
     * A copy of a schema without {@code example}/{@code examples} keywords (changes to examples are
     * not reported), leaving data values and property names alone.
     */
    static JsonNode withoutExamples(JsonNode schema) {
        if (schema.isArray()) {
            ArrayNode copy = SurfaceJson.MAPPER.createArrayNode();
            schema.forEach(element -> copy.add(withoutExamples(element)));
            return copy;
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = SurfaceJson.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (keyword.equals("example") || keyword.equals("examples")) {
                continue;
            }
            if (DATA_KEYWORDS.contains(keyword)) {
                copy.set(keyword, value);
            } else if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                ObjectNode schemas = copy.putObject(keyword);
                value.properties().forEach(e -> schemas.set(e.getKey(), withoutExamples(e.getValue())));
            } else {
                copy.set(keyword, withoutExamples(value));
            }
        }
        return copy;
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        Set<String> types = new TreeSet<>();
        if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type != null) {
            types.add(type.asText());
        }
        return types;
    }

    private static String typeText(Set<String> types) {
        if (types.isEmpty()) {
            return "any";
        }
        return types.size() == 1 ? types.iterator().next() : types.toString();
    }

    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> elements = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(elements::add);
        } else {
            elements.add(node);
        }
        return elements;
    }

    private static Set<String> textSet(JsonNode node) {
        Set<String> texts = new TreeSet<>();
        if (node != null && node.isArray()) {
            node.forEach(e -> texts.add(e.asText()));
        }
        return texts;
    }

    private static int count(JsonNode schema, String keyword) {
        JsonNode variants = schema.get(keyword);
        return variants != null && variants.isArray() ? variants.size() : 0;
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}

package io.calcommcp.codegen.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.toolapi.ValueKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the schema {@code tools/list} advertises from the full one the server validates against.
 * A model reads every advertised tool on every turn, so the advertised schema keeps what a model
 * needs to call the tool (every top-level argument with its type, whether it is required, its
 * enum, format and a one-line description) and sheds what only costs tokens: long prose, examples
 * that restate the type, and, for an argument past the size budget, the detail of its nested
 * structure, which becomes a one-line summary of its members (the full shape is one schema call
 * away).
 *
 * <p>The advertised schema only ever loosens the full one: text is shortened, examples and
 * titles dropped, and a summarized subtree keeps at most its type. So it never rejects an input
 * the full schema accepts; the full schema still refuses every bad one before anything is sent.
 */
final class SchemaCompactor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SENTENCE = Pattern.compile("^(.+?[.!?])(?=\\s|$)");
    private static final List<String> BRANCHES = List.of("anyOf", "oneOf", "allOf");
    /** How many members a summary names before it says "…". */
    private static final int MEMBERS_SHOWN = 6;
    /** How many kinds of a variant list a summary names. */
    private static final int KINDS_SHOWN = 12;
    /** Nested levels tried before a whole argument is summarized: 2, then 1, then 0. */
    private static final int DEEPEST = 2;

    /** How much of a tool to advertise. */
    record Budget(int toolDescription, int argumentDescription, int argumentBytes) {}

    /**
     * The advertised input schema, whether any argument had to be summarized, and the notes the
     * tool's description takes instead of text its arguments repeated.
     */
    record Compacted(ObjectNode schema, boolean summarized, List<String> notes) {}

    /** What a note about a value kind is headed with, when several arguments share it. */
    private static final Map<ValueKind, String> KIND_NOTES = Map.of(
            ValueKind.TIMESTAMP, "Times",
            ValueKind.DATE, "Dates",
            ValueKind.DATE_OR_TIMESTAMP, "Dates or times",
            ValueKind.TIME_ZONE, "Time zones");

    private SchemaCompactor() {}

    /** The advertised form of a tool's full input schema. */
    static Compacted compact(ObjectNode inputSchema, Budget budget) {
        ObjectNode out = JSON.objectNode();
        out.put("type", "object");
        ObjectNode properties = out.putObject("properties");
        boolean summarized = false;
        for (Map.Entry<String, JsonNode> argument :
                inputSchema.path("properties").properties()) {
            JsonNode briefed = withoutRestatement(
                    brief(argument.getValue(), budget.argumentDescription(), nestedDescription(budget)),
                    argument.getKey());
            JsonNode shown = briefed;
            for (int depth = DEEPEST; depth >= 0 && bytes(shown) > budget.argumentBytes(); depth--) {
                shown = cut(briefed, depth);
            }
            summarized |= !shown.equals(briefed);
            properties.set(argument.getKey(), shown);
        }
        if (inputSchema.has("required")) {
            out.set("required", inputSchema.get("required").deepCopy());
        }
        // additionalProperties: false is left out: it costs every tool a line, and the server
        // refuses unknown arguments anyway, naming the ones there are.
        return new Compacted(out, summarized, sayOnce(out));
    }

    /**
     * A kind's brief guidance that several arguments repeat is said once, as a note for the
     * tool's description, and taken out of theirs (their {@code format} still marks timestamps).
     */
    private static List<String> sayOnce(ObjectNode schema) {
        List<String> notes = new ArrayList<>();
        for (ValueKind kind : ValueKind.values()) {
            Optional<String> brief = kind.brief();
            if (brief.isEmpty() || !KIND_NOTES.containsKey(kind)) {
                continue;
            }
            List<ObjectNode> saying = new ArrayList<>();
            collectSaying(schema, brief.get(), saying);
            if (saying.size() < 2) {
                continue;
            }
            for (ObjectNode node : saying) {
                String rest = node.get("description")
                        .asText()
                        .replace(brief.get(), "")
                        .trim();
                if (rest.isEmpty()) {
                    node.remove("description");
                } else {
                    node.put("description", rest);
                }
            }
            notes.add(KIND_NOTES.get(kind) + ": " + brief.get());
        }
        return notes;
    }

    private static void collectSaying(JsonNode schema, String text, List<ObjectNode> out) {
        if (schema instanceof ObjectNode node
                && node.path("description").asText("").endsWith(text)) {
            out.add(node);
        }
        if (schema.isObject() || schema.isArray()) {
            for (JsonNode child : schema) {
                collectSaying(child, text, out);
            }
        }
    }

    /** A tool description cut to at most {@code length} characters at a sentence if it can. */
    static String description(String text, int length) {
        return oneLine(text, length, true);
    }

    private static int nestedDescription(Budget budget) {
        return Math.max(40, budget.argumentDescription() * 3 / 4);
    }

    /** The text pass over a whole subtree: short descriptions, no restating examples, no titles. */
    private static JsonNode brief(JsonNode schema, int descriptionLength, int nestedLength) {
        if (!schema.isObject()) {
            return schema.deepCopy();
        }
        ObjectNode out = JSON.objectNode();
        boolean describedOtherwise =
                schema.has("description") || schema.has("enum") || schema.has("const") || schema.has("format");
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "description" -> {
                    String text = briefText(value.asText(""), descriptionLength);
                    if (!text.isEmpty()) {
                        out.put(key, text);
                    }
                }
                case "examples", "example" -> {
                    if (!describedOtherwise && showsMoreThanTheType(schema, value)) {
                        out.set(key, value.deepCopy());
                    }
                }
                case "title" -> {}
                case "properties" -> {
                    ObjectNode properties = out.putObject(key);
                    value.properties()
                            .forEach(p -> properties.set(
                                    p.getKey(),
                                    withoutRestatement(brief(p.getValue(), nestedLength, nestedLength), p.getKey())));
                }
                case "items", "additionalProperties" ->
                    out.set(key, value.isObject() ? brief(value, nestedLength, nestedLength) : value.deepCopy());
                case "anyOf", "oneOf", "allOf", "prefixItems" -> {
                    ArrayNode branches = out.putArray(key);
                    value.forEach(b -> branches.add(brief(b, nestedLength, nestedLength)));
                }
                default -> {
                    if (!key.startsWith("x-")) {
                        out.set(key, value.deepCopy());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether examples say what the type does not: a number or a flag restates its type, and a
     * long sentence is rarely the value a model should send.
     */
    private static boolean showsMoreThanTheType(JsonNode schema, JsonNode examples) {
        if (!ValueKindDetector.isString(schema)) {
            return false;
        }
        JsonNode first = examples.isArray() ? examples.path(0) : examples;
        return first.isTextual() && first.asText().length() <= MAX_EXAMPLE_LENGTH;
    }

    /** Longer examples are prose, not values. */
    private static final int MAX_EXAMPLE_LENGTH = 30;

    /**
     * A description in one line: the generator's own guidance for a value kind becomes its brief
     * form (said once, at the end), and the rest is cut to its first sentence within the length.
     */
    private static String briefText(String description, int length) {
        String text = description;
        String brief = "";
        for (ValueKind kind : ValueKind.values()) {
            Optional<String> guidance = kind.guidance();
            if (guidance.isPresent() && text.contains(guidance.get())) {
                text = text.replace(guidance.get(), " ");
                brief = kind.brief().orElse("");
            }
        }
        String line = oneLine(text, length, false);
        return (line + " " + brief).trim();
    }

    private static String oneLine(String text, int length, boolean sentences) {
        String line = text.replaceAll("\\s+", " ").trim();
        if (!sentences) {
            Matcher first = SENTENCE.matcher(line);
            if (first.find()) {
                line = first.group(1);
            }
        }
        if (line.length() <= length) {
            return line;
        }
        int sentenceEnd = line.lastIndexOf(". ", length - 1);
        if (sentences && sentenceEnd > length / 2) {
            return line.substring(0, sentenceEnd + 1);
        }
        int wordEnd = line.lastIndexOf(' ', length - 1);
        String cut = line.substring(0, wordEnd > length / 2 ? wordEnd : length - 1);
        return cut.replaceAll("[\\s,;:(-]+$", "") + "…";
    }

    /**
     * The schema without a description that only restates the property's name ("The slug of the
     * event type." for {@code eventTypeSlug}): the name says it already.
     */
    private static JsonNode withoutRestatement(JsonNode schema, String name) {
        if (!(schema instanceof ObjectNode node) || !node.path("description").isTextual()) {
            return schema;
        }
        Set<String> named = new LinkedHashSet<>();
        for (String word : name.split("(?<=[a-z0-9])(?=[A-Z])|[_\\-\\s]+")) {
            named.add(stem(word));
        }
        boolean restates = true;
        for (String word : node.get("description").asText().split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty() && !FILLER.contains(word.toLowerCase(Locale.ROOT)) && !named.contains(stem(word))) {
                restates = false;
                break;
            }
        }
        if (restates) {
            node.remove("description");
        }
        return node;
    }

    private static String stem(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.length() > 3 && lower.endsWith("s") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** Words that carry no meaning of their own in a one-line description. */
    private static final Set<String> FILLER = Set.of(
            "the", "a", "an", "of", "for", "to", "is", "this", "that", "its", "it", "be", "by", "in", "on", "and", "or",
            "with", "as", "which", "id", "ids", "value");

    /** Keeps {@code depth} levels below this one in full and summarizes what lies deeper. */
    private static JsonNode cut(JsonNode schema, int depth) {
        if (!schema.isObject() || !isContainer(schema)) {
            return schema;
        }
        if (depth == 0) {
            return summary(schema);
        }
        ObjectNode out = (ObjectNode) schema.deepCopy();
        if (schema.path("properties").isObject()) {
            ObjectNode properties = out.putObject("properties");
            schema.get("properties")
                    .properties()
                    .forEach(p -> properties.set(p.getKey(), cut(p.getValue(), depth - 1)));
        }
        if (schema.path("items").isObject()) {
            out.set("items", cut(schema.get("items"), depth - 1));
        }
        if (schema.path("additionalProperties").isObject()) {
            out.set("additionalProperties", cut(schema.get("additionalProperties"), depth - 1));
        }
        for (String keyword : BRANCHES) {
            if (schema.path(keyword).isArray()) {
                ArrayNode branches = out.putArray(keyword);
                schema.get(keyword).forEach(b -> branches.add(cut(b, depth)));
            }
        }
        return out;
    }

    private static boolean isContainer(JsonNode schema) {
        return schema.has("properties")
                || schema.has("items")
                || schema.has("prefixItems")
                || schema.path("additionalProperties").isObject()
                || BRANCHES.stream().anyMatch(schema::has);
    }

    /**
     * The subtree as its type and one line: its own description, then what it holds. Nothing else
     * stays, so it accepts at least what the subtree did.
     */
    private static ObjectNode summary(JsonNode schema) {
        ObjectNode out = JSON.objectNode();
        acceptedTypes(schema).ifPresent(types -> {
            if (types.size() == 1) {
                out.put("type", types.iterator().next());
            } else {
                ArrayNode array = out.putArray("type");
                types.forEach(array::add);
            }
        });
        String own = schema.path("description").asText("");
        String holds = holds(schema);
        String joint = own.endsWith(".") || own.endsWith("…") ? " " : ". ";
        String text = own.isEmpty() ? holds : holds.isEmpty() ? own : own + joint + holds;
        if (!text.isEmpty()) {
            out.put("description", text);
        }
        return out;
    }

    /** What a container holds, in a sentence: "Has a, b, c.", "One of 3 kinds (...).", "A list of ...". */
    private static String holds(JsonNode schema) {
        if (schema.path("items").isObject()) {
            String item = item(schema.get("items"));
            return item.isEmpty() ? "" : ended("A list of " + item);
        }
        String object = item(schema);
        if (object.startsWith("objects with ")) {
            return ended("Has " + object.substring("objects with ".length()));
        }
        if (object.startsWith("objects of ")) {
            return ended("One of " + object.substring("objects of ".length()));
        }
        return object.isEmpty() ? "" : ended(capitalized(object));
    }

    /** An item in a few words: "objects with a, b", "objects of 3 kinds (x, y, z), each with a", "strings". */
    private static String item(JsonNode schema) {
        List<JsonNode> variants = new ArrayList<>();
        for (String keyword : List.of("anyOf", "oneOf")) {
            schema.path(keyword).forEach(variants::add);
        }
        if (!variants.isEmpty()) {
            Set<String> common = null;
            List<String> kinds = new ArrayList<>();
            for (JsonNode variant : variants) {
                Set<String> names = new LinkedHashSet<>();
                variant.path("properties").fieldNames().forEachRemaining(names::add);
                if (common == null) {
                    common = names;
                } else {
                    common.retainAll(names);
                }
                kind(variant).ifPresent(kinds::add);
            }
            StringBuilder text =
                    new StringBuilder("objects of ").append(variants.size()).append(" kinds");
            if (kinds.size() == variants.size()) {
                text.append(" (").append(String.join(", ", kinds.subList(0, Math.min(KINDS_SHOWN, kinds.size()))));
                text.append(kinds.size() > KINDS_SHOWN ? ", …)" : ")");
            }
            if (common != null && !common.isEmpty()) {
                text.append(", each with ").append(members(new ArrayList<>(common)));
            }
            return text.toString();
        }
        if (schema.path("properties").isObject() && schema.get("properties").size() > 0) {
            // Required members first, marked: a model must know what it cannot leave out.
            List<String> names = new ArrayList<>();
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            schema.get("properties").fieldNames().forEachRemaining(n -> {
                if (required.contains(n)) {
                    names.add(n + " (required)");
                }
            });
            schema.get("properties").fieldNames().forEachRemaining(n -> {
                if (!required.contains(n)) {
                    names.add(n);
                }
            });
            return "objects with " + members(names);
        }
        JsonNode values = schema.path("enum");
        if (values.isArray() && !values.isEmpty()) {
            List<String> shown = new ArrayList<>();
            values.forEach(v -> shown.add(v.asText()));
            return "values out of " + members(shown);
        }
        return acceptedTypes(schema)
                .filter(t -> t.size() == 1)
                .map(t -> t.iterator().next() + "s")
                .orElse("");
    }

    /** What tells one variant from the others: a property with a single allowed value. */
    private static Optional<String> kind(JsonNode variant) {
        for (Map.Entry<String, JsonNode> property : variant.path("properties").properties()) {
            JsonNode p = property.getValue();
            if (p.has("const")) {
                return Optional.of(p.get("const").asText());
            }
            if (p.path("enum").isArray() && p.get("enum").size() == 1) {
                return Optional.of(p.get("enum").get(0).asText());
            }
        }
        return Optional.empty();
    }

    private static String members(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(MEMBERS_SHOWN, names.size())));
        return names.size() > MEMBERS_SHOWN ? shown + ", …" : shown;
    }

    /**
     * Every JSON type the schema accepts, or empty when that cannot be told exactly (a branch
     * without a type accepts anything, and so must the summary).
     */
    static Optional<Set<String>> acceptedTypes(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return Optional.of(new LinkedHashSet<>(List.of(type.asText())));
        }
        if (type.isArray()) {
            Set<String> types = new LinkedHashSet<>();
            type.forEach(t -> types.add(t.asText()));
            return Optional.of(types);
        }
        List<JsonNode> branches = new ArrayList<>();
        for (String keyword : List.of("anyOf", "oneOf")) {
            schema.path(keyword).forEach(branches::add);
        }
        if (branches.isEmpty() || schema.has("allOf")) {
            return Optional.empty();
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode branch : branches) {
            Optional<Set<String>> branchTypes = acceptedTypes(branch);
            if (branchTypes.isEmpty()) {
                return Optional.empty();
            }
            types.addAll(branchTypes.get());
        }
        return Optional.of(types);
    }

    private static String ended(String text) {
        return text.endsWith("…") || text.endsWith(")") && text.endsWith("…)") ? text : text + ".";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The size a node takes in compact JSON. */
    static int bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}

package io.calcommcp.codegen.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an OpenAPI 3.0 schema (as a JSON tree) into a self-contained JSON Schema 2020-12 that
 * an MCP client and the SDK's input validator both accept.
 *
 * <ul>
 *   <li>{@code $ref}s are inlined; a schema that refers back to itself becomes an open schema
 *       with a note, instead of expanding forever.
 *   <li>{@code allOf} is merged into one schema.
 *   <li>{@code oneOf} becomes {@code anyOf}: specs such as Cal.com's use {@code oneOf} for
 *       overlapping variants without a discriminator, so an ordinary input matches two
 *       branches and strict {@code oneOf} would reject it. {@code anyOf} still lists the
 *       variants for the model.
 *   <li>{@code nullable: true} becomes a {@code "null"} type; 3.0's boolean
 *       {@code exclusiveMinimum}/{@code exclusiveMaximum} become 2020-12 numbers;
 *       {@code example} becomes {@code examples}.
 *   <li>Descriptions lose MDX/HTML markup; read-only properties are dropped from request
 *       schemas, since a client cannot send them.
 * </ul>
 *
 * <p>What the generator adds on top (value kinds, guidance for the model) is its own policy: the
 * {@link Finisher} it passes in sees every converted node last.
 */
public final class SchemaConverter {

    /**
     * Finishes a converted schema node, after its keywords, properties and variants were converted
     * and before a {@code $ref}'s own description is applied. Called once per node, innermost first.
     */
    @FunctionalInterface
    public interface Finisher {
        void finish(ObjectNode converted);
    }

    /** Leaves every node as converted. */
    public static final Finisher AS_IS = converted -> {};

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String COMPONENT_PREFIX = "#/components/schemas/";
    /** A list, not a set: copied in this order, so generated schemas are the same on every run. */
    private static final List<String> COPIED_KEYWORDS = List.of(
            "format",
            "pattern",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "multipleOf",
            "default",
            "const");

    private final Map<String, JsonNode> components;
    private final Finisher finisher;

    /**
     * @param components the spec's {@code components.schemas}, by name
     * @param finisher applied to every converted node
     */
    public SchemaConverter(Map<String, JsonNode> components, Finisher finisher) {
        this.components = Map.copyOf(components);
        this.finisher = finisher;
    }

    /** Converts a request schema (read-only properties dropped). */
    public ObjectNode convert(JsonNode schema) {
        return convert(schema, new ArrayDeque<>());
    }

    private ObjectNode convert(JsonNode schema, Deque<String> refStack) {
        if (schema == null || !schema.isObject()) {
            return JSON.objectNode();
        }
        if (schema.hasNonNull("$ref")) {
            return convertReference(schema, refStack);
        }
        ObjectNode out = JSON.objectNode();
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                mergeInto(out, convert(part, refStack));
            }
        }
        copyType(schema, out);
        copyDescription(schema, out);
        for (String keyword : COPIED_KEYWORDS) {
            if (schema.has(keyword)) {
                out.set(keyword, schema.get(keyword).deepCopy());
            }
        }
        convertExclusiveBounds(schema, out);
        if (schema.has("enum")) {
            out.set("enum", schema.get("enum").deepCopy());
        }
        if (schema.has("example") && !schema.get("example").isNull()) {
            out.set("examples", JSON.arrayNode().add(schema.get("example").deepCopy()));
        }
        if (schema.has("properties")) {
            ObjectNode properties = out.has("properties") ? (ObjectNode) out.get("properties") : JSON.objectNode();
            for (Map.Entry<String, JsonNode> field : schema.get("properties").properties()) {
                if (field.getValue().path("readOnly").asBoolean(false)) {
                    continue;
                }
                properties.set(field.getKey(), convert(field.getValue(), refStack));
            }
            out.set("properties", properties);
        }
        if (schema.has("required")) {
            out.set("required", union(out.get("required"), schema.get("required")));
        }
        if (schema.has("items")) {
            out.set("items", convert(schema.get("items"), refStack));
        }
        if (schema.has("additionalProperties")) {
            JsonNode additional = schema.get("additionalProperties");
            out.set("additionalProperties", additional.isBoolean() ? additional : convert(additional, refStack));
        }
        for (String combinator : new String[] {"oneOf", "anyOf"}) {
            if (schema.has(combinator)) {
                ArrayNode variants = JSON.arrayNode();
                for (JsonNode variant : schema.get(combinator)) {
                    variants.add(convert(variant, refStack));
                }
                out.set("anyOf", variants);
            }
        }
        pruneRequired(out);
        applyNullable(schema, out);
        finisher.finish(out);
        return out;
    }

    private ObjectNode convertReference(JsonNode schema, Deque<String> refStack) {
        String ref = schema.get("$ref").asText();
        String name = ref.startsWith(COMPONENT_PREFIX) ? ref.substring(COMPONENT_PREFIX.length()) : ref;
        ObjectNode out;
        if (refStack.contains(name)) {
            out = JSON.objectNode();
            out.put("description", "A nested " + name + " (recursive; any JSON value accepted here).");
        } else if (!components.containsKey(name)) {
            // The parser has already reported unresolvable references; an open schema keeps
            // the tool usable and never leaves a dangling $ref behind.
            out = JSON.objectNode();
            out.put("description", "Unresolved schema " + ref + ".");
        } else {
            refStack.push(name);
            out = convert(components.get(name), refStack);
            refStack.pop();
        }
        // OpenAPI 3.0 ignores siblings of $ref, but specs put descriptions there anyway and
        // they are the most specific text available.
        copyDescription(schema, out);
        applyNullable(schema, out);
        return out;
    }

    private static void copyType(JsonNode schema, ObjectNode out) {
        if (schema.has("type")) {
            out.set("type", schema.get("type").deepCopy());
        } else if (schema.has("properties") && !out.has("type")) {
            out.put("type", "object");
        }
    }

    private static void copyDescription(JsonNode schema, ObjectNode out) {
        if (schema.hasNonNull("description")) {
            String cleaned = DescriptionCleaner.clean(schema.get("description").asText());
            if (!cleaned.isEmpty()) {
                out.put("description", cleaned);
            }
        }
    }

    private static void convertExclusiveBounds(JsonNode schema, ObjectNode out) {
        if (schema.path("exclusiveMinimum").asBoolean(false) && schema.has("minimum")) {
            out.set("exclusiveMinimum", schema.get("minimum").deepCopy());
            out.remove("minimum");
        }
        if (schema.path("exclusiveMaximum").asBoolean(false) && schema.has("maximum")) {
            out.set("exclusiveMaximum", schema.get("maximum").deepCopy());
            out.remove("maximum");
        }
    }

    private static void applyNullable(JsonNode schema, ObjectNode out) {
        if (!schema.path("nullable").asBoolean(false) || !out.has("type")) {
            return;
        }
        JsonNode type = out.get("type");
        ArrayNode types = JSON.arrayNode();
        if (type.isArray()) {
            type.forEach(types::add);
        } else {
            types.add(type.asText());
        }
        boolean hasNull = false;
        for (JsonNode t : types) {
            hasNull |= t.asText().equals("null");
        }
        if (!hasNull) {
            types.add("null");
        }
        out.set("type", types);
        if (out.has("enum")) {
            boolean enumHasNull = false;
            for (JsonNode e : out.get("enum")) {
                enumHasNull |= e.isNull();
            }
            if (!enumHasNull) {
                ((ArrayNode) out.get("enum")).addNull();
            }
        }
    }

    /** Merges an {@code allOf} part into the schema built so far. */
    private static void mergeInto(ObjectNode target, ObjectNode part) {
        for (Map.Entry<String, JsonNode> field : part.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("properties") && target.has("properties")) {
                ((ObjectNode) target.get("properties")).setAll((ObjectNode) value);
            } else if (key.equals("required")) {
                target.set("required", union(target.get("required"), value));
            } else if (key.equals("description") && target.has("description")) {
                continue;
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static ArrayNode union(JsonNode first, JsonNode second) {
        Set<String> names = new LinkedHashSet<>();
        if (first != null) {
            first.forEach(n -> names.add(n.asText()));
        }
        if (second != null) {
            second.forEach(n -> names.add(n.asText()));
        }
        ArrayNode out = JSON.arrayNode();
        names.forEach(out::add);
        return out;
    }

    /** Drops required names whose property was dropped (read-only) so the schema stays satisfiable. */
    private static void pruneRequired(ObjectNode out) {
        if (!out.has("required") || !out.has("properties")) {
            return;
        }
        ArrayNode kept = JSON.arrayNode();
        for (JsonNode name : out.get("required")) {
            if (out.get("properties").has(name.asText())) {
                kept.add(name);
            }
        }
        if (kept.isEmpty()) {
            out.remove("required");
        } else {
            out.set("required", kept);
        }
    }
}

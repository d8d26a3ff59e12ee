package io.calcommcp.codegen.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the schemas of an OpenAPI 3 document that are not schemas: a string or a number where a
 * schema object belongs, {@code properties} that are not an object, a {@code type} JSON Schema
 * does not know, {@code required} that is not a list of names. The parser drops such parts with a remark, and a tool generated from what is left
 * would accept or send something the API never described; each is reported with its JSON pointer.
 * (The parameter objects themselves are checked by {@link OperationParameters}.)
 *
 * <p>It checks where the generator reads schemas: the schema components, the parameters and
 * request bodies of components and operations. {@code $ref}s are not followed (the components they
 * point at are checked where they are defined).
 */
final class SchemaShapeCheck {

    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String SCHEMA_FIX = "write a schema object there, e.g. {type: string}";

    private final boolean openApi31;
    private final List<MalformedPart> found = new ArrayList<>();

    private SchemaShapeCheck(boolean openApi31) {
        this.openApi31 = openApi31;
    }

    /** Every malformed part of {@code document} (an OpenAPI 3 document as a tree), in document order. */
    static List<MalformedPart> of(JsonNode document) {
        SchemaShapeCheck check =
                new SchemaShapeCheck(document.path("openapi").asText("").startsWith("3.1"));
        check.components(document.path("components"));
        check.paths(document.path("paths"));
        return List.copyOf(check.found);
    }

    private void components(JsonNode components) {
        for (Map.Entry<String, JsonNode> schema : fields(components.path("schemas"))) {
            schema(schema.getValue(), "/components/schemas/" + escape(schema.getKey()));
        }
        for (Map.Entry<String, JsonNode> parameter : fields(components.path("parameters"))) {
            parameter(parameter.getValue(), "/components/parameters/" + escape(parameter.getKey()));
        }
        for (Map.Entry<String, JsonNode> body : fields(components.path("requestBodies"))) {
            requestBody(body.getValue(), "/components/requestBodies/" + escape(body.getKey()));
        }
    }

    private void paths(JsonNode paths) {
        for (Map.Entry<String, JsonNode> item : fields(paths)) {
            String itemPointer = "/paths/" + escape(item.getKey());
            parameters(item.getValue().path("parameters"), itemPointer + "/parameters");
            for (Map.Entry<String, JsonNode> operation : fields(item.getValue())) {
                if (METHODS.contains(operation.getKey()) && operation.getValue().isObject()) {
                    String at = itemPointer + "/" + operation.getKey();
                    parameters(operation.getValue().path("parameters"), at + "/parameters");
                    requestBody(operation.getValue().path("requestBody"), at + "/requestBody");
                }
            }
        }
    }

    /** The schemas of a parameter list's entries; the entries themselves are {@link OperationParameters}' business. */
    private void parameters(JsonNode list, String pointer) {
        for (int i = 0; i < list.size(); i++) {
            if (list.isArray() && list.get(i).isObject()) {
                parameter(list.get(i), pointer + "/" + i);
            }
        }
    }

    private void parameter(JsonNode parameter, String pointer) {
        if (parameter.has("schema") && !parameter.has("$ref")) {
            schema(parameter.get("schema"), pointer + "/schema");
        }
    }

    private void requestBody(JsonNode body, String pointer) {
        if (!body.isObject() || body.has("$ref")) {
            return;
        }
        for (Map.Entry<String, JsonNode> media : fields(body.path("content"))) {
            if (media.getValue().has("schema")) {
                schema(media.getValue().get("schema"), pointer + "/content/" + escape(media.getKey()) + "/schema");
            }
        }
    }

    private void schema(JsonNode schema, String pointer) {
        if (schema.isBoolean() && openApi31) {
            return; // true and false are schemas in 3.1
        }
        if (!schema.isObject()) {
            found.add(
                    new MalformedPart(pointer, "the schema is " + kind(schema) + ", not a schema object", SCHEMA_FIX));
            return;
        }
        if (schema.has("$ref")) {
            return; // checked where it points
        }
        type(schema.get("type"), pointer + "/type");
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (properties.isObject()) {
                for (Map.Entry<String, JsonNode> property : properties.properties()) {
                    schema(property.getValue(), pointer + "/properties/" + escape(property.getKey()));
                }
            } else {
                found.add(new MalformedPart(
                        pointer + "/properties",
                        "properties is " + kind(properties) + ", not an object of schemas by name",
                        "write properties: {name: {type: string}, ...}"));
            }
        }
        if (schema.has("items")) {
            schema(schema.get("items"), pointer + "/items");
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && !additional.isBoolean()) {
            schema(additional, pointer + "/additionalProperties");
        }
        if (schema.has("not")) {
            schema(schema.get("not"), pointer + "/not");
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode variants = schema.get(combinator);
            if (variants == null) {
                continue;
            }
            if (!variants.isArray()) {
                found.add(new MalformedPart(
                        pointer + "/" + combinator,
                        combinator + " is " + kind(variants) + ", not a list of schemas",
                        "write " + combinator + ": [{...}, {...}]"));
                continue;
            }
            for (int i = 0; i < variants.size(); i++) {
                schema(variants.get(i), pointer + "/" + combinator + "/" + i);
            }
        }
        JsonNode required = schema.get("required");
        if (required != null && !isListOfStrings(required)) {
            found.add(new MalformedPart(
                    pointer + "/required",
                    "required is " + kind(required) + ", not a list of property names",
                    "write required: [name, ...], naming properties of this schema"));
        }
        JsonNode values = schema.get("enum");
        if (values != null && !values.isArray()) {
            found.add(new MalformedPart(
                    pointer + "/enum",
                    "enum is " + kind(values) + ", not a list of values",
                    "write enum: [a, b, ...]"));
        }
    }

    private void type(JsonNode type, String pointer) {
        if (type == null) {
            return;
        }
        boolean known = type.isTextual() && TYPES.contains(type.asText());
        if (openApi31 && type.isArray() && !type.isEmpty()) {
            known = true;
            for (JsonNode t : type) {
                known &= t.isTextual()
                        && (TYPES.contains(t.asText()) || t.asText().equals("null"));
            }
        } else if (openApi31 && type.isTextual() && type.asText().equals("null")) {
            known = true;
        }
        if (!known) {
            found.add(new MalformedPart(
                    pointer,
                    "type " + type + " is not a JSON Schema type",
                    "use one of string, number, integer, boolean, array, object"
                            + (openApi31 ? ", null (or a list of them)" : "")));
        }
    }

    private static boolean isListOfStrings(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** The members of an object, or none for anything else. */
    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.isObject() ? node.properties() : List.of();
    }

    /** How a node that is the wrong kind is described: {@code a string ("x")}, {@code a list}. */
    static String kind(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().isBlank() ? "an empty string" : "a string (" + node + ")";
        }
        if (node.isNumber()) {
            return "a number (" + node + ")";
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "true" : "false";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "an object" : "missing";
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}

package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.spec.SchemaConverter;
import io.calcommcp.codegen.spec.SpecJson;
import io.calcommcp.codegen.spec.SpecOperation;
import io.calcommcp.toolapi.RecordPointer;
import io.calcommcp.toolapi.RouteArgument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schemas of operations' successful answers, converted once per operation, and what they
 * hold at a pointer: paging looks for the list of records and the has-more flag, search for the
 * fields of a record.
 */
final class AnswerSchemas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final OpenAPI api;
    private final SchemaConverter converter;
    // By identity: an operation is one object for the whole run, and hashing its contents would cost more than the
    // conversion.
    private final Map<SpecOperation, ObjectNode> converted = new IdentityHashMap<>();

    AnswerSchemas(OpenAPI api, SchemaConverter converter) {
        this.api = api;
        this.converter = converter;
    }

    /** The JSON schema of the operation's first 2xx JSON answer, converted, or an empty schema. */
    ObjectNode success(SpecOperation op) {
        return converted.computeIfAbsent(op, this::convert);
    }

    private ObjectNode convert(SpecOperation op) {
        ApiResponses responses = op.operation().getResponses();
        if (responses == null) {
            return JSON.objectNode();
        }
        for (Map.Entry<String, ApiResponse> entry : new TreeMap<>(responses).entrySet()) {
            if (!entry.getKey().startsWith("2") || entry.getValue().getContent() == null) {
                continue;
            }
            for (Map.Entry<String, MediaType> media :
                    entry.getValue().getContent().entrySet()) {
                if (media.getKey().toLowerCase(Locale.ROOT).contains("json")
                        && media.getValue().getSchema() != null) {
                    return converter.convert(SpecJson.tree(api, media.getValue().getSchema()));
                }
            }
        }
        return JSON.objectNode();
    }

    /** The types a (converted) schema allows at {@code pointer}, through every anyOf/oneOf/allOf branch. */
    static Set<String> typesAt(JsonNode schema, String pointer) {
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode node : schemasAt(schema, pointer)) {
            for (JsonNode alternative : alternatives(node)) {
                JsonNode type = alternative.path("type");
                if (type.isTextual()) {
                    types.add(type.asText());
                }
                type.forEach(t -> types.add(t.asText()));
            }
        }
        return types;
    }

    /**
     * The schemas a (converted) schema has at {@code pointer}, through every anyOf/oneOf/allOf
     * branch; a {@value RouteArgument#ANY_ITEM} segment goes into an array's items. None if no
     * branch has the pointer.
     */
    static List<JsonNode> schemasAt(JsonNode schema, String pointer) {
        List<JsonNode> current = List.of(schema);
        for (String segment : RecordPointer.segments(pointer)) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                for (JsonNode alternative : alternatives(node)) {
                    JsonNode child = segment.equals(RouteArgument.ANY_ITEM)
                            ? alternative.path("items")
                            : alternative.path("properties").path(segment);
                    if (child.isObject()) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /**
     * The schemas of one record at {@code pointer}: where an answer may hold a list of records
     * there instead (a series of recurring events, say), the schema of its items too.
     */
    static List<JsonNode> recordSchemasAt(JsonNode schema, String pointer) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode node : schemasAt(schema, pointer)) {
            for (JsonNode alternative : alternatives(node)) {
                out.add(alternative);
                if (alternative.path("items").isObject()) {
                    out.add(alternative.path("items"));
                }
            }
        }
        return out;
    }

    /** Whether a schema says nothing about its shape, so that a pointer into it cannot be checked. */
    static boolean isOpen(JsonNode schema) {
        for (JsonNode alternative : alternatives(schema)) {
            if (alternative.has("properties") || alternative.has("items") || alternative.has("type")) {
                return false;
            }
        }
        return true;
    }

    /** The property names a record's schemas declare at the top, for hints. */
    static Set<String> propertyNames(List<JsonNode> recordSchemas) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode schema : recordSchemas) {
            for (JsonNode alternative : alternatives(schema)) {
                alternative.path("properties").fieldNames().forEachRemaining(names::add);
            }
        }
        return names;
    }

    static List<JsonNode> alternatives(JsonNode schema) {
        List<JsonNode> out = new ArrayList<>();
        collect(schema, out);
        return out;
    }

    private static void collect(JsonNode schema, List<JsonNode> out) {
        if (!schema.isObject()) {
            return;
        }
        out.add(schema);
        for (String keyword : List.of("anyOf", "oneOf", "allOf")) {
            schema.path(keyword).forEach(branch -> collect(branch, out));
        }
    }
}

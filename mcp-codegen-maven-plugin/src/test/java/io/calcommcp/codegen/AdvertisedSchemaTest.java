package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The advertised schema of every Cal.com tool accepts everything its full schema accepts, on a
 * corpus: the examples the spec gives for each tool's arguments, one generated input per variant
 * of every argument (every kind of booking field, every kind of location), the regular, instant
 * and recurring bookings, and an event type with five kinds of booking field.
 */
class AdvertisedSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ToolModel model;
    private static SchemaRegistry registry;

    @BeforeAll
    static void build() throws Exception {
        model = new Codegen().model(CalcomSpecTest.specLocation(), CalcomSpecTest.RULES);
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    }

    @Test
    void theAdvertisedSchemaAcceptsEveryInputOfTheCorpusThatTheFullOneAccepts() throws Exception {
        int accepted = 0;
        int variantInputs = 0;
        List<String> rejected = new ArrayList<>();
        for (ToolDescriptor tool : model.tools()) {
            Schema full = registry.getSchema(tool.inputSchema());
            Schema advertised = registry.getSchema(tool.advertised().inputSchema());
            List<JsonNode> corpus = new ArrayList<>();
            corpus.add(fromExamples(tool.inputSchema()));
            List<JsonNode> variants = perVariant(tool.inputSchema());
            variantInputs += variants.size();
            corpus.addAll(variants);
            corpus.addAll(handWritten(tool.name()));
            for (JsonNode input : corpus) {
                if (!full.validate(input).isEmpty()) {
                    continue;
                }
                accepted++;
                if (!advertised.validate(input).isEmpty()) {
                    rejected.add(tool.name() + ": " + input + " -> " + advertised.validate(input));
                }
            }
        }
        assertEquals(List.of(), rejected);
        System.out.printf(
                "advertised schemas: %d inputs accepted by the full schemas, %d per-variant%n",
                accepted, variantInputs);
        assertTrue(accepted > 150, "the corpus is not trivial: " + accepted);
        assertTrue(variantInputs > 60, "variants exercised: " + variantInputs);
    }

    @Test
    void theHandWrittenInputsAreValidForTheFullSchemas() throws Exception {
        for (String tool : List.of("create_a_calcom_booking", "create_a_calcom_event_type")) {
            Schema full = registry.getSchema(tool(tool).inputSchema());
            for (JsonNode input : handWritten(tool)) {
                assertEquals(List.of(), full.validate(input), tool + ": " + input);
            }
        }
    }

    private static ToolDescriptor tool(String name) {
        return model.tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Every argument that has an example, with its first example, and made-up required ones. */
    private static JsonNode fromExamples(ObjectNode schema) {
        ObjectNode input = JSON.createObjectNode();
        schema.path("properties").properties().forEach(p -> {
            JsonNode example = p.getValue().path("examples").path(0);
            if (!example.isMissingNode()) {
                input.set(p.getKey(), example);
            }
        });
        schema.path("required").forEach(r -> {
            if (!input.has(r.asText())) {
                input.set(r.asText(), instance(schema.path("properties").path(r.asText()), 0));
            }
        });
        return input;
    }

    /**
     * For each argument and each variant of it (or of its items), an input with the required
     * arguments and that argument built as that variant.
     */
    private static List<JsonNode> perVariant(ObjectNode schema) {
        List<JsonNode> out = new ArrayList<>();
        ObjectNode base = JSON.createObjectNode();
        schema.path("required")
                .forEach(r ->
                        base.set(r.asText(), instance(schema.path("properties").path(r.asText()), 0)));
        schema.path("properties").properties().forEach(p -> {
            JsonNode argument = p.getValue();
            JsonNode variants = argument.has("anyOf")
                    ? argument.get("anyOf")
                    : argument.path("items").path("anyOf");
            int count = variants.isArray() ? variants.size() : 1;
            for (int v = 0; v < count; v++) {
                ObjectNode input = base.deepCopy();
                input.set(p.getKey(), instance(argument, v));
                out.add(input);
            }
        });
        return out;
    }

    /** A value the schema describes, taking variant {@code variant} of the first anyOf met. */
    private static JsonNode instance(JsonNode schema, int variant) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (schema.path(keyword).isArray() && !schema.get(keyword).isEmpty()) {
                JsonNode branches = schema.get(keyword);
                return instance(branches.get(Math.min(variant, branches.size() - 1)), 0);
            }
        }
        if (schema.path("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        String type = schema.path("type").isArray()
                ? schema.get("type").get(0).asText()
                : schema.path("type").asText("object");
        switch (type) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                schema.path("properties").properties().forEach(p -> object.set(p.getKey(), instance(p.getValue(), 0)));
                return object;
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                array.add(instance(schema.path("items"), variant));
                return array;
            }
            case "string" -> {
                String format = schema.path("format").asText("");
                return JSON.getNodeFactory()
                        .textNode(
                                switch (format) {
                                    case "date-time" -> "2026-10-15T14:00:00Z";
                                    case "date" -> "2026-10-15";
                                    case "email" -> "ada@example.com";
                                    case "uri", "url" -> "https://example.com";
                                    default -> "x";
                                });
            }
            case "integer", "number" -> {
                return JSON.getNodeFactory().numberNode(schema.path("minimum").asInt(1));
            }
            case "boolean" -> {
                return JSON.getNodeFactory().booleanNode(true);
            }
            default -> {
                return JSON.nullNode();
            }
        }
    }

    /** The booking variants and an event type with five kinds of booking field, as a model writes them. */
    private static List<JsonNode> handWritten(String tool) throws Exception {
        return switch (tool) {
            case "create_a_calcom_booking" ->
                List.of(
                        JSON.readTree(
                                "{\"start\":\"2026-10-16T14:00:00Z\",\"eventTypeId\":123,"
                                        + "\"attendee\":{\"name\":\"Jane\",\"email\":\"jane@acme.com\",\"timeZone\":\"America/New_York\"}}"),
                        JSON.readTree(
                                "{\"start\":\"2026-10-16T14:00:00Z\",\"eventTypeId\":123,\"instant\":true,"
                                        + "\"attendee\":{\"name\":\"Jane\",\"email\":\"jane@acme.com\",\"timeZone\":\"Europe/Berlin\"}}"),
                        JSON.readTree(
                                "{\"start\":\"2026-10-16T14:00:00-05:00\",\"eventTypeSlug\":\"weekly\",\"username\":\"jane\","
                                        + "\"recurrenceCount\":4,"
                                        + "\"attendee\":{\"name\":\"Jane\",\"email\":\"jane@acme.com\",\"timeZone\":\"America/Chicago\"}}"));
            case "create_a_calcom_event_type" ->
                List.of(
                        JSON.readTree(
                                "{\"title\":\"Intro\",\"slug\":\"intro\","
                                        + "\"lengthInMinutes\":30,\"bookingFields\":["
                                        + "{\"type\":\"name\",\"label\":\"Your name\",\"placeholder\":\"Jane\"},"
                                        + "{\"type\":\"email\",\"label\":\"Email\",\"placeholder\":\"jane@acme.com\"},"
                                        + "{\"type\":\"phone\",\"slug\":\"phone\",\"label\":\"Phone\",\"required\":true,\"placeholder\":\"+1\",\"hidden\":false},"
                                        + "{\"type\":\"select\",\"slug\":\"size\",\"label\":\"Team size\",\"required\":false,\"placeholder\":\"Pick\","
                                        + "\"options\":[\"1-10\",\"11-50\"],\"hidden\":false},"
                                        + "{\"type\":\"boolean\",\"slug\":\"nda\",\"label\":\"NDA signed\",\"required\":false,\"hidden\":false}]}"));
            default -> List.of();
        };
    }
}

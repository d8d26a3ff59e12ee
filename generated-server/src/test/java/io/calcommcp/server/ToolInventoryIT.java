package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tool surface as {@code java -jar calcom-mcp-server.jar tools --json} prints it, read from
 * the generated classes: the 20 core tool names (docs/tools.md, "Names") are there with the right operations, the
 * annotations are explicit, no credential is an argument, and the schemas work.
 */
class ToolInventoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The core tool names (docs/tools.md, "Names"): tool name -> the Cal.com operation it must call. */
    private static final Map<String, String> INVENTORY = Map.ofEntries(
            Map.entry("list_all_calcom_bookings", "GET /v2/bookings"),
            Map.entry("get_single_calcom_booking_by_id", "GET /v2/bookings/{bookingUid}"),
            Map.entry("create_a_calcom_booking", "POST /v2/bookings"),
            Map.entry("list_all_calcom_event_types", "GET /v2/event-types"),
            Map.entry("get_single_calcom_event_type_by_id", "GET /v2/event-types/{eventTypeId}"),
            Map.entry("create_a_calcom_event_type", "POST /v2/event-types"),
            Map.entry("update_a_calcom_event_type_by_id", "PATCH /v2/event-types/{eventTypeId}"),
            Map.entry("delete_a_calcom_event_type_by_id", "DELETE /v2/event-types/{eventTypeId}"),
            Map.entry("list_all_calcom_schedules", "GET /v2/schedules"),
            Map.entry("list_all_calcom_schedule", "GET /v2/organizations/{orgId}/schedules"),
            Map.entry("get_single_calcom_schedule_by_id", "GET /v2/schedules/{scheduleId}"),
            Map.entry("create_a_calcom_schedule", "POST /v2/schedules"),
            Map.entry("update_a_calcom_schedule_by_id", "PATCH /v2/schedules/{scheduleId}"),
            Map.entry("delete_a_calcom_schedule_by_id", "DELETE /v2/schedules/{scheduleId}"),
            Map.entry("list_all_calcom_teams", "GET /v2/teams"),
            Map.entry("get_single_calcom_team_by_id", "GET /v2/teams/{teamId}"),
            Map.entry("create_a_calcom_team", "POST /v2/teams"),
            Map.entry("update_a_calcom_team_by_id", "PATCH /v2/teams/{teamId}"),
            Map.entry("delete_a_calcom_team_by_id", "DELETE /v2/teams/{teamId}"),
            Map.entry("list_all_calcom_calendars", "GET /v2/calendars"));

    private static final Set<String> SERVER_HEADERS =
            Set.of("authorization", "x-cal-client-id", "x-cal-secret-key", "cal-api-version");

    private static final Map<String, JsonNode> TOOLS = new HashMap<>();

    @BeforeAll
    static void readToolsJson() throws Exception {
        ServerJarIT.Run run = ServerJarIT.run(Map.of(), "tools", "--json");
        assertEquals(0, run.exitCode(), run.stderr());
        for (JsonNode tool : JSON.readTree(run.stdout())) {
            TOOLS.put(tool.get("name").asText(), tool);
        }
    }

    @Test
    void everyInventoryNameCallsItsOperation() {
        INVENTORY.forEach((name, route) -> {
            JsonNode tool = TOOLS.get(name);
            assertTrue(tool != null, "missing " + name);
            assertEquals(
                    route, tool.get("method").asText() + " " + tool.get("path").asText(), name);
        });
    }

    @Test
    void annotationsAreExplicit() {
        for (JsonNode tool : TOOLS.values()) {
            JsonNode hints = tool.get("annotations");
            for (String hint : List.of("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")) {
                assertTrue(hints.get(hint).isBoolean(), tool.get("name") + " " + hint);
            }
            if (tool.get("access").asText().equals("read")) {
                assertTrue(
                        hints.get("readOnlyHint").asBoolean(), tool.get("name").asText());
                assertFalse(
                        hints.get("destructiveHint").asBoolean(),
                        tool.get("name").asText());
            }
            if (tool.get("name").asText().startsWith("delete_a_")) {
                assertTrue(
                        hints.get("destructiveHint").asBoolean(),
                        tool.get("name").asText());
            }
        }
    }

    @Test
    void noCredentialOrVersionArgumentAndEverySchemaIsValid() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (JsonNode tool : TOOLS.values()) {
            JsonNode schema = tool.get("inputSchema");
            assertEquals("object", schema.get("type").asText());
            schema.get("properties")
                    .fieldNames()
                    .forEachRemaining(arg -> assertFalse(
                            SERVER_HEADERS.contains(arg.toLowerCase(Locale.ROOT)), tool.get("name") + " takes " + arg));
            assertEquals(List.of(), meta.validate(schema), tool.get("name").asText());
        }
    }

    @Test
    void aPlainBookingIsValidForCreateBooking() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema schema = registry.getSchema(TOOLS.get("create_a_calcom_booking").get("inputSchema"));
        JsonNode booking = JSON.readTree(
                "{\"start\": \"2026-10-16T14:00:00Z\", \"eventTypeId\": 123, "
                        + "\"attendee\": {\"name\": \"Jane Doe\", \"email\": \"jane@acme.com\", \"timeZone\": \"America/New_York\"}}");
        assertEquals(List.of(), schema.validate(booking));
    }

    /**
     * What tools/list advertises, measured from the jar's {@code tools --json}: within the budget
     * in bytes and in tokens, every advertised schema valid, and never stricter than the full one
     * at the top level (same arguments, same required ones).
     */
    @Test
    void theAdvertisedSurfaceFitsItsBudget() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        long bytes = 0;
        for (JsonNode tool : TOOLS.values()) {
            JsonNode advertised = tool.get("advertised");
            ObjectNode listed = JSON.createObjectNode()
                    .put("name", tool.get("name").asText())
                    .put("title", tool.get("title").asText())
                    .put("description", advertised.get("description").asText());
            listed.set("inputSchema", advertised.get("inputSchema"));
            listed.set("annotations", tool.get("annotations"));
            bytes += JSON.writeValueAsBytes(listed).length;
            String name = tool.get("name").asText();
            assertTrue(advertised.get("tokens").asInt() <= 1500, name + ": " + advertised.get("tokens"));
            assertEquals(List.of(), meta.validate(advertised.get("inputSchema")), name);
            assertEquals(
                    fieldNames(tool.at("/inputSchema/properties")),
                    fieldNames(advertised.at("/inputSchema/properties")),
                    name);
            assertEquals(tool.at("/inputSchema/required"), advertised.at("/inputSchema/required"), name);
        }
        System.out.printf("tools/list of %d tools: %d bytes%n", TOOLS.size(), bytes);
        assertTrue(bytes <= 72_000, "advertised bytes: " + bytes);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.prism.PrismExtension;
import io.calcommcp.server.prism.RecordingPrism;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.calcommcp.toolapi.ToolExposure;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Discovery mode: the client sees three tools, and both conversations of docs/tools.md ("Two conversations") run through
 * them alone (search, read the schema, call), against Prism validating every request Cal.com
 * would get. A refused call sends nothing; the catalog tools cannot be called directly.
 */
@ExtendWith(PrismExtension.class)
class DiscoveryModeTest {

    private final RecordingPrism prism;
    private RunningServer server;

    DiscoveryModeTest(RecordingPrism prism) {
        this.prism = prism;
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new RunningServer(ServerConfig.local("CALCOM_API_KEY", RunningServer.API_KEY, prism.baseUrl())
                .withToolExposure(ToolExposure.DISCOVERY));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void onlyTheThreeToolsAreListedAndTheCatalogCannotBeCalledDirectly() {
        Set<String> names = server.client().listTools().tools().stream()
                .map(McpSchema.Tool::name)
                .collect(Collectors.toSet());
        // search and fetch (deep research) are listed in either exposure; they call no catalog tool by name.
        assertEquals(
                Set.of("search_calcom_tools", "get_calcom_tool_schema", "call_calcom_tool", "search", "fetch"), names);
        McpError direct = assertThrows(McpError.class, () -> server.call("list_all_calcom_bookings", Map.of()));
        assertTrue(direct.getMessage().contains("Unknown tool"), direct.getMessage());
        assertEquals(List.of(), prism.requests());
    }

    @Test
    void aRefusedCallThroughTheCallToolSendsNothing() {
        CallToolResult bad =
                call("create_a_calcom_booking", Map.of("start", "2026-10-15T14:00:00", "attendee", Map.of()));
        assertTrue(bad.isError());
        assertEquals("invalid_arguments", Results.at(bad, "error", "type"));
        assertTrue(Results.text(bad).contains("has no UTC offset"), Results.text(bad));
        CallToolResult unknown = call("list_all_calcom_unicorns", Map.of());
        assertTrue(unknown.isError());
        assertTrue(Results.text(unknown).contains("search_calcom_tools"), Results.text(unknown));
        assertEquals(List.of(), prism.requests(), "nothing was sent");
    }

    @Test
    void salesReschedulingThroughSearchSchemaAndCall() {
        String listBookings = found("list my bookings for today", "list_all_calcom_bookings");
        assertTrue(schema(listBookings)
                .at("/properties/afterStart/format")
                .asText()
                .equals("date-time"));
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(-5));
        CallToolResult list = ok(call(
                listBookings,
                Map.of("afterStart", today + "T00:00:00-05:00", "beforeEnd", today + "T23:59:59-05:00", "limit", 10)));
        String uid = (String) Results.at(list, "data", 0, "uid");
        assertNotNull(uid);

        String getBooking = found("get one booking by uid", "get_single_calcom_booking_by_id");
        CallToolResult booking = ok(call(getBooking, Map.of("bookingUid", uid)));
        Object eventTypeId = Results.at(booking, "data", "eventTypeId");

        String getEventType = found("show an event type", "get_single_calcom_event_type_by_id");
        CallToolResult eventType = ok(call(getEventType, Map.of("eventTypeId", eventTypeId)));
        String slug = (String) Results.at(eventType, "data", "slug");
        String host = (String) Results.at(booking, "data", "hosts", 0, "username");

        String createBooking = found("book a new meeting", "create_a_calcom_booking");
        assertTrue(schema(createBooking).at("/required").toString().contains("attendee"));
        String start = OffsetDateTime.of(today.plusDays(1).atTime(10, 0), ZoneOffset.ofHours(-5))
                .toString();
        ok(call(
                createBooking,
                Map.of(
                        "start", start,
                        "eventTypeSlug", slug,
                        "username", host,
                        "attendee",
                                Map.of(
                                        "name",
                                        "Acme buyer",
                                        "email",
                                        "buyer@acme.example",
                                        "timeZone",
                                        "America/New_York"))));
        RecordedRequest created = prism.requests().get(prism.requests().size() - 1);
        assertEquals("POST", created.method());
        assertEquals("/v2/bookings", created.path());
    }

    @Test
    void teamProvisioningThroughSearchSchemaAndCall() {
        String createTeam = found("create a team", "create_a_calcom_team");
        CallToolResult team = ok(call(createTeam, Map.of("name", "Engineering Hiring Panel")));
        Object teamId = Results.at(team, "data", "id");
        if (teamId == null) {
            teamId = Results.at(team, "data", "pendingTeam", "id");
        }
        assertNotNull(teamId);

        String createEventType = found("new event type for a team", "create_a_calcom_team_event_type");
        assertTrue(schema(createEventType).at("/properties/lengthInMinutes").isObject());
        ok(call(
                createEventType,
                Map.of(
                        "teamId",
                        teamId,
                        "title",
                        "Technical Screen",
                        "slug",
                        "tech-screen",
                        "lengthInMinutes",
                        60,
                        "schedulingType",
                        "collective",
                        "assignAllTeamMembers",
                        true)));

        String listTeamEventTypes = found("team event types", "list_all_calcom_team_event_types");
        ok(call(listTeamEventTypes, Map.of("teamId", teamId, "eventSlug", "tech-screen")));
        RecordedRequest verify = prism.requests().get(prism.requests().size() - 1);
        assertEquals("/v2/teams/" + teamId + "/event-types", verify.path());
    }

    /** Searches as a model would and takes the expected tool among the first five found. */
    private String found(String query, String expected) {
        CallToolResult result = server.call("search_calcom_tools", Map.of("query", query, "limit", 5));
        assertFalse(Boolean.TRUE.equals(result.isError()), Results.text(result));
        List<?> tools = (List<?>) Results.at(result, "tools");
        List<Object> names =
                tools.stream().map(t -> ((Map<?, ?>) t).get("name")).collect(Collectors.toList());
        assertTrue(names.contains(expected), query + " -> " + names);
        return expected;
    }

    private com.fasterxml.jackson.databind.JsonNode schema(String name) {
        CallToolResult result = server.call("get_calcom_tool_schema", Map.of("names", List.of(name)));
        assertFalse(Boolean.TRUE.equals(result.isError()), Results.text(result));
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(result.structuredContent())
                .at("/tools/0/inputSchema");
    }

    private CallToolResult call(String name, Map<String, Object> arguments) {
        return server.call("call_calcom_tool", Map.of("name", name, "arguments", arguments));
    }

    private static CallToolResult ok(CallToolResult result) {
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> "tool error: " + Results.text(result));
        return result;
    }
}

package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.prism.PrismExtension;
import io.calcommcp.server.prism.RecordingPrism;
import io.calcommcp.server.prism.RelaxedSpec;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two workflows docs/tools.md describes ("Two conversations"), end to end: the MCP Java SDK client calls the real server over
 * Streamable HTTP, the server calls Prism 5.16.0 (mock mode) through a recording proxy, and
 * Prism validates every request against Cal.com's contract.
 *
 * <p>Prism runs on a build-made copy of Cal.com's spec in which non-discriminated {@code oneOf}s
 * are relaxed to {@code anyOf} (see {@link RelaxedSpec}: with strict {@code oneOf}, Prism rejects
 * an ordinary create-booking body that matches two of its overlapping variants). Any 422 from
 * Prism means our request broke the contract and fails the test.
 */
@ExtendWith(PrismExtension.class)
class WorkflowEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordingPrism prism;
    private RunningServer server;

    WorkflowEndToEndTest(RecordingPrism prism) {
        this.prism = prism;
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new RunningServer(prism.baseUrl());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void salesRescheduling_listGetEventTypeThenBookWithOffset() throws Exception {
        // "Look up my bookings for today": the model sends today's window with an explicit offset.
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(-5));
        String dayStart = today + "T00:00:00-05:00";
        String dayEnd = today + "T23:59:59-05:00";
        Map<String, Object> filters =
                Map.of("afterStart", dayStart, "beforeEnd", dayEnd, "status", List.of("upcoming", "past"), "limit", 10);
        CallToolResult list = server.call("list_all_calcom_bookings", filters);
        assertOk(list);
        RecordedRequest listRequest = onlyRequest();
        assertEquals("GET", listRequest.method());
        assertEquals("/v2/bookings", listRequest.path());
        assertEquals(
                List.of(
                        "afterStart=" + enc(dayStart),
                        "beforeEnd=" + enc(dayEnd),
                        "skip=0",
                        "status=past",
                        "status=upcoming",
                        "take=10"),
                sortedParameters(listRequest));
        assertEquals("2024-08-13", listRequest.header("cal-api-version"));
        assertEquals("Bearer " + RunningServer.API_KEY, listRequest.header("authorization"));
        assertEquals("", listRequest.body());

        // The answer says more follow (pagination.hasNextPage): the model pages on with the cursor,
        // the same filters, and gets the records right after the ones it has.
        String cursor = (String) Results.at(list, "next_cursor");
        assertNotNull(cursor, "more bookings follow, so the result has a next_cursor");
        int firstPage = ((List<?>) Results.at(list, "data")).size();
        Map<String, Object> next = new HashMap<>(filters);
        next.put("next_cursor", cursor);
        assertOk(server.call("list_all_calcom_bookings", next));
        assertTrue(sortedParameters(onlyRequest()).containsAll(List.of("skip=" + firstPage, "take=10")));

        String uid = (String) Results.at(list, "data", 0, "uid");
        assertNotNull(uid, "the list result carries booking uids");
        CallToolResult booking = server.call("get_single_calcom_booking_by_id", Map.of("bookingUid", uid));
        assertOk(booking);
        RecordedRequest getRequest = onlyRequest();
        assertEquals("GET", getRequest.method());
        assertEquals("/v2/bookings/" + uid, getRequest.path());
        assertEquals("2024-08-13", getRequest.header("cal-api-version"));

        Object eventTypeId = Results.at(booking, "data", "eventTypeId");
        assertNotNull(eventTypeId, "the booking names its event type");
        // As the model read it from the booking: a JSON number, for an id the spec types as a string.
        CallToolResult eventType =
                server.call("get_single_calcom_event_type_by_id", Map.of("eventTypeId", eventTypeId));
        assertOk(eventType);
        RecordedRequest eventTypeRequest = onlyRequest();
        assertEquals("/v2/event-types/" + eventTypeId, eventTypeRequest.path());
        assertEquals("2024-06-14", eventTypeRequest.header("cal-api-version"));
        String slug = (String) Results.at(eventType, "data", "slug");
        assertNotNull(slug);

        // "tomorrow at 10 AM EST", for the same attendee and event type slug.
        String start = OffsetDateTime.of(today.plusDays(1).atTime(10, 0), ZoneOffset.ofHours(-5))
                .toString();
        String hostUsername = (String) Results.at(booking, "data", "hosts", 0, "username");
        Map<String, Object> attendee =
                Map.of("name", "Acme Corp buyer", "email", "buyer@acme.example", "timeZone", "America/New_York");
        CallToolResult created = server.call(
                "create_a_calcom_booking",
                Map.of("start", start, "attendee", attendee, "eventTypeSlug", slug, "username", hostUsername));
        assertOk(created);
        RecordedRequest createRequest = onlyRequest();
        assertEquals("POST", createRequest.method());
        assertEquals("/v2/bookings", createRequest.path());
        assertEquals("2024-08-13", createRequest.header("cal-api-version"));
        assertEquals("application/json", createRequest.header("content-type"));
        JsonNode body = JSON.readTree(createRequest.body());
        assertEquals(
                JSON.valueToTree(
                        Map.of("start", start, "attendee", attendee, "eventTypeSlug", slug, "username", hostUsername)),
                body);
        assertTrue(start.endsWith("-05:00"), start);
    }

    @Test
    void teamProvisioning_createTeamThenTeamEventTypeThenVerify() throws Exception {
        CallToolResult team = server.call("create_a_calcom_team", Map.of("name", "Engineering Hiring Panel"));
        assertOk(team);
        RecordedRequest teamRequest = onlyRequest();
        assertEquals("POST", teamRequest.method());
        assertEquals("/v2/teams", teamRequest.path());
        assertEquals(JSON.readTree("{\"name\":\"Engineering Hiring Panel\"}"), JSON.readTree(teamRequest.body()));
        Object teamId = Results.at(team, "data", "id");
        if (teamId == null) {
            teamId = Results.at(team, "data", "pendingTeam", "id"); // a team awaiting payment
        }
        assertNotNull(teamId, "the created team has an id");

        CallToolResult eventType = server.call(
                "create_a_calcom_team_event_type",
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
                        true));
        assertOk(eventType);
        RecordedRequest eventTypeRequest = onlyRequest();
        assertEquals("POST", eventTypeRequest.method());
        assertEquals("/v2/teams/" + teamId + "/event-types", eventTypeRequest.path());
        assertEquals(
                JSON.readTree("{\"lengthInMinutes\":60,\"title\":\"Technical Screen\",\"slug\":\"tech-screen\","
                        + "\"schedulingType\":\"collective\",\"assignAllTeamMembers\":true}"),
                JSON.readTree(eventTypeRequest.body()));

        // Verify: the team's own list is the precise check; "list event types" is the user-level list.
        CallToolResult teamList =
                server.call("list_all_calcom_team_event_types", Map.of("teamId", teamId, "eventSlug", "tech-screen"));
        assertOk(teamList);
        RecordedRequest teamListRequest = onlyRequest();
        assertEquals("GET", teamListRequest.method());
        assertEquals("/v2/teams/" + teamId + "/event-types", teamListRequest.path());
        assertEquals("eventSlug=tech-screen", teamListRequest.rawQuery());

        CallToolResult list =
                server.call("list_all_calcom_event_types", Map.of("eventSlug", "tech-screen", "username", "jane100"));
        assertOk(list);
        RecordedRequest listRequest = onlyRequest();
        assertEquals("GET", listRequest.method());
        assertEquals("/v2/event-types", listRequest.path());
        assertEquals(List.of("eventSlug=tech-screen", "username=jane100"), sortedParameters(listRequest));
        assertEquals("2024-06-14", listRequest.header("cal-api-version"));
    }

    private static void assertOk(CallToolResult result) {
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> "tool error: " + Results.text(result));
        assertEquals("success", Results.at(result, "status"), () -> Results.text(result));
    }

    // Exactly one upstream request per tool call; takes it and forgets it.
    private RecordedRequest onlyRequest() {
        List<RecordedRequest> requests = prism.requests();
        assertEquals(1, requests.size(), () -> "upstream requests: " + requests);
        prism.clear();
        RecordedRequest request = requests.get(0);
        assertTrue(request.responseStatus() != 422, () -> "Prism found the request invalid: " + request.responseBody());
        return request;
    }

    // Parameter order is the route's; what Cal.com sees is the set of parameters.
    private static List<String> sortedParameters(RecordedRequest request) {
        return java.util.Arrays.stream(request.rawQuery().split("&")).sorted().toList();
    }

    private static String enc(String value) {
        return value.replace(":", "%3A").replace("+", "%2B");
    }
}

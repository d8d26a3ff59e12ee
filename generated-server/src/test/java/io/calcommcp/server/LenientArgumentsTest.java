package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.prism.PrismExtension;
import io.calcommcp.server.prism.RecordingPrism;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Arguments as models write them, against Prism validating every request against Cal.com's spec:
 * lossless type slips are fixed before sending (what reaches Cal.com has the spec's type), lossy
 * ones and bad time zones are refused with nothing sent.
 */
@ExtendWith(PrismExtension.class)
class LenientArgumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordingPrism prism;
    private RunningServer server;

    LenientArgumentsTest(RecordingPrism prism) {
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
    void aNumberForAStringIdIsSentAsTheId() {
        CallToolResult result = server.call("get_single_calcom_event_type_by_id", Map.of("eventTypeId", 50));
        assertOk(result);
        assertEquals(List.of("/v2/event-types/50"), paths());
    }

    @Test
    void aNumericStringForANumberIsSentAsTheNumber() throws Exception {
        assertOk(server.call("list_all_calcom_bookings", Map.of("limit", "10")));
        assertTrue(
                prism.requests().get(0).rawQuery().contains("take=10"),
                prism.requests().get(0).rawQuery());
        prism.clear();

        assertOk(server.call(
                "create_a_calcom_booking",
                Map.of(
                        "start", "2030-01-15T15:00:00Z",
                        "eventTypeId", "42",
                        "lengthInMinutes", "30",
                        "attendee",
                                Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "America/New_York"))));
        JsonNode body = JSON.readTree(prism.requests().get(0).body());
        assertTrue(body.get("eventTypeId").isNumber() && body.get("eventTypeId").asInt() == 42, body.toString());
        assertTrue(
                body.get("lengthInMinutes").isNumber()
                        && body.get("lengthInMinutes").asInt() == 30,
                body.toString());
        assertEquals("America/New_York", body.at("/attendee/timeZone").asText(), "a valid zone passes");
    }

    @Test
    void lossyValuesAreRefusedAndNothingIsSent() {
        String fraction = refused("list_all_calcom_bookings", Map.of("limit", 10.5));
        assertTrue(fraction.contains("limit"), fraction);
        String words = refused("list_all_calcom_bookings", Map.of("limit", "ten"));
        assertTrue(words.contains("limit: string found, integer expected"), words);
        assertEquals(List.of(), prism.requests());
    }

    @Test
    void timeZonesMustBeIanaIdsWithSuggestions() {
        Map<String, Object> schedule = Map.of("name", "Work", "isDefault", false);
        String mars = refused("create_a_calcom_schedule", with(schedule, "timeZone", "Mars/Phobos"));
        assertTrue(mars.contains("timeZone: \"Mars/Phobos\" is not an IANA time zone id"), mars);
        String est = refused("create_a_calcom_schedule", with(schedule, "timeZone", "EST"));
        assertTrue(est.contains("\"America/New_York\""), est);
        String nested = refused(
                "create_a_calcom_booking",
                Map.of(
                        "start",
                        "2030-01-15T15:00:00Z",
                        "eventTypeId",
                        42,
                        "attendee",
                        Map.of("name", "Ada", "email", "ada@example.com", "timeZone", "GMT+2")));
        assertTrue(nested.contains("attendee.timeZone: \"GMT+2\" is a UTC offset, not a time zone"), nested);
        assertEquals(List.of(), prism.requests(), "nothing was sent");

        assertOk(server.call("create_a_calcom_schedule", with(schedule, "timeZone", "America/New_York")));
        assertEquals(1, prism.requests().size());
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> out = new java.util.HashMap<>(base);
        out.put(key, value);
        return out;
    }

    private List<String> paths() {
        return prism.requests().stream().map(RecordedRequest::path).toList();
    }

    private String refused(String tool, Map<String, Object> arguments) {
        CallToolResult result = server.call(tool, arguments);
        assertTrue(Boolean.TRUE.equals(result.isError()), Results.text(result));
        assertEquals("invalid_arguments", Results.at(result, "error", "type"));
        return Results.text(result);
    }

    private static void assertOk(CallToolResult result) {
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> "tool error: " + Results.text(result));
    }
}

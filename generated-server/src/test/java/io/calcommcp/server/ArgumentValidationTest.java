package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad arguments get a clear tool error naming the argument and the fix, and nothing is sent upstream. */
class ArgumentValidationTest {

    private static FakeHttpServer upstream;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":{}}"));
        server = new RunningServer(upstream.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
    }

    @AfterEach
    void nothingWasSent() {
        assertEquals(List.of(), upstream.requests(), "no upstream request for bad arguments");
    }

    @Test
    void missingRequiredArgument() {
        String text = refused("get_single_calcom_booking_by_id", Map.of());
        assertTrue(text.contains("bookingUid"), text);
        assertTrue(text.contains("required"), text);
    }

    @Test
    void wrongType() {
        String text = refused("list_all_calcom_bookings", Map.of("limit", "ten"));
        assertTrue(text.contains("limit: string found, integer expected"), text);
    }

    @Test
    void unknownArgument() {
        // The API's own paging parameter is not an argument: limit and next_cursor stand for it.
        String text = refused("list_all_calcom_bookings", Map.of("take", 5));
        assertTrue(text.contains("take"), text);
        assertTrue(text.contains("its arguments: "), text);
    }

    @Test
    void unknownTool() {
        McpError error = assertThrows(McpError.class, () -> server.call("list_all_calcom_unicorns", Map.of()));
        assertTrue(error.getMessage().contains("Unknown tool"), error.getMessage());
    }

    @Test
    void timestampWithoutOffset_showsTheExpectedForm() {
        String text = refused(
                "create_a_calcom_booking",
                Map.of(
                        "start",
                        "2026-10-15T14:00:00",
                        "attendee",
                        Map.of("name", "Ann", "email", "ann@example.com", "timeZone", "America/New_York"),
                        "eventTypeSlug",
                        "discovery-call",
                        "username",
                        "jane"));
        assertTrue(text.contains("start: \"2026-10-15T14:00:00\" has no UTC offset"), text);
        assertTrue(text.contains("2026-10-15T14:00:00-05:00"), text);
        assertTrue(text.contains("2026-10-15T14:00:00Z"), text);
    }

    @Test
    void dateWhereATimestampIsNeeded() {
        String text = refused("list_all_calcom_bookings", Map.of("afterStart", "2026-10-15"));
        assertTrue(text.contains("afterStart: \"2026-10-15\" is a date without a time"), text);
    }

    @Test
    void pathIdWithSlash() {
        String text = refused("get_single_calcom_booking_by_id", Map.of("bookingUid", "abc/../../me"));
        assertTrue(text.contains("bookingUid: \"abc/../../me\" is not a valid id"), text);
    }

    @Test
    void pathIdWithDotDot() {
        String text = refused("get_single_calcom_booking_by_id", Map.of("bookingUid", ".."));
        assertTrue(text.contains("is not a valid id"), text);
        String traversal = refused("get_single_calcom_booking_by_id", Map.of("bookingUid", "../me"));
        assertTrue(traversal.contains("cannot contain \"/\""), traversal);
    }

    @Test
    void pathIdMadeOnlyOfDotsOrEmpty() {
        // Sent as-is, "." would be a dot segment: /v2/bookings/. normalises to /v2/bookings, another route.
        for (String bad : List.of(".", "...", "")) {
            String text = refused("get_single_calcom_booking_by_id", Map.of("bookingUid", bad));
            assertTrue(text.contains("bookingUid: \"" + bad + "\" is not a valid id"), text);
        }
    }

    @Test
    void theServerKeepsServingAfterBadCalls() {
        refused("get_single_calcom_booking_by_id", Map.of("bookingUid", "a/b"));
        CallToolResult ok = server.call("get_single_calcom_booking_by_id", Map.of("bookingUid", "uid with space"));
        assertEquals(false, ok.isError(), () -> Results.text(ok));
        assertEquals(
                "/v2/bookings/uid%20with%20space", upstream.requests().get(0).path());
        upstream.clear();
    }

    private static String refused(String tool, Map<String, Object> arguments) {
        CallToolResult result = server.call(tool, arguments);
        assertTrue(result.isError(), () -> "expected a tool error, got " + Results.text(result));
        assertEquals("invalid_arguments", Results.at(result, "error", "type"));
        String text = Results.text(result);
        assertTrue(text.startsWith("Invalid arguments for " + tool + ", nothing was sent"), text);
        return text;
    }
}

package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream faults Prism cannot produce, from a programmable fake: each becomes a clear tool
 * error (isError, the status, the API's own message, advice) without secrets or HTML, and the
 * next call on the same server works.
 */
class UpstreamFaultTest {

    private static final Reply HEALTHY = Reply.json(200, "{\"status\":\"success\",\"data\":[]}");
    private static final Map<String, Object> ARGS = Map.of("limit", 1);

    private FakeHttpServer upstream;
    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeHttpServer(request -> HEALTHY);
        server = new RunningServer(upstream.baseUrl(), Duration.ofSeconds(2), Duration.ofMillis(700));
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    @Test
    void unauthorized_blamesTheServersKeyWithoutShowingIt() {
        CallToolResult result = failWith(Reply.json(
                401,
                "{\"status\":\"error\",\"error\":{\"code\":\"UnauthorizedException\",\"message\":\"Invalid API key "
                        + RunningServer.API_KEY + "\"}}"));
        assertTrue(Results.text(result).contains("HTTP 401 Unauthorized"), Results.text(result));
        assertTrue(Results.text(result).contains("TEMPO_API_KEY"), Results.text(result));
        assertEquals("UnauthorizedException", Results.at(result, "error", "code"));
        assertFalse(Results.text(result).contains(RunningServer.API_KEY), "the key never comes back");
        assertFalse(result.structuredContent().toString().contains(RunningServer.API_KEY), "the key never comes back");
        assertNextCallWorks();
    }

    @Test
    void notFound_passesTheApisMessage() {
        CallToolResult result = failWith(
                Reply.json(
                        404,
                        "{\"status\":\"error\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"path\":\"/v1/bookings\","
                                + "\"error\":{\"code\":\"NotFoundException\",\"message\":\"Booking with uid=abc not found\"}}"));
        assertTrue(
                Results.text(result).contains("HTTP 404 Not Found: Booking with uid=abc not found"),
                Results.text(result));
        assertEquals(404, Results.at(result, "error", "httpStatus"));
        assertEquals("upstream_error", Results.at(result, "error", "type"));
        assertNextCallWorks();
    }

    @Test
    void unprocessable_carriesMessageAndDetails() {
        CallToolResult result = failWith(Reply.json(
                422,
                "{\"status\":\"error\",\"error\":{\"code\":\"BadRequestException\",\"message\":\"start must be a valid ISO 8601 date\","
                        + "\"details\":{\"field\":\"start\"}}}"));
        assertTrue(
                Results.text(result).contains("HTTP 422 Unprocessable Entity: start must be a valid ISO 8601 date"),
                Results.text(result));
        assertEquals(Map.of("field", "start"), Results.at(result, "error", "details"));
        assertNextCallWorks();
    }

    @Test
    void rateLimited_normalisesTheRateLimitHeaders_andDoesNotRetry() {
        CallToolResult result = failWith(new Reply(
                429,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-RateLimit-Limit",
                        "120",
                        "X-RateLimit-Remaining",
                        "0",
                        "X-RateLimit-Reset",
                        "42"),
                "{\"status\":\"error\",\"error\":{\"code\":\"ThrottlerException\",\"message\":\"Too many requests\"}}",
                0));
        assertEquals(1, upstream.requests().size(), "no silent retry");
        assertEquals("rate_limited", Results.at(result, "error", "type"));
        assertEquals(
                Map.of("ratelimit-limit", 120, "ratelimit-remaining", 0, "ratelimit-reset", 42),
                Results.at(result, "error", "rateLimit"));
        assertTrue(Results.text(result).contains("Try again in 42 seconds"), Results.text(result));
        assertEquals(true, Results.at(result, "error", "retryable"));
        assertEquals(42, Results.at(result, "error", "retry_after_seconds"));
        assertNextCallWorks();
    }

    @Test
    void serverError_saysTryLater() {
        CallToolResult result = failWith(Reply.json(500, "{\"statusCode\":500,\"message\":\"Internal server error\"}"));
        assertTrue(
                Results.text(result).contains("HTTP 500 Internal Server Error: Internal server error"),
                Results.text(result));
        assertTrue(Results.text(result).contains("try again"), Results.text(result));
        assertNextCallWorks();
    }

    @Test
    void nonJsonBodies_areNeverDumped() {
        String html = "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>";
        CallToolResult error = failWith(new Reply(502, Map.of("Content-Type", "text/html"), html, 0));
        assertTrue(Results.text(error).contains("HTTP 502 Bad Gateway"), Results.text(error));
        assertFalse(Results.text(error).contains("<html>"), Results.text(error));

        CallToolResult garbage = failWith(new Reply(200, Map.of("Content-Type", "text/html"), html, 0));
        assertEquals("upstream_invalid_response", Results.at(garbage, "error", "type"));
        assertTrue(Results.text(garbage).contains("not JSON (text/html)"), Results.text(garbage));
        assertFalse(Results.text(garbage).contains("<html>"), Results.text(garbage));
        assertNextCallWorks();
    }

    @Test
    void timeout_isReportedAndTheServerStaysResponsive() {
        CallToolResult result = failWith(new Reply(200, Map.of("Content-Type", "application/json"), "{}", 3000));
        assertEquals("upstream_unavailable", Results.at(result, "error", "type"));
        assertTrue(Results.text(result).contains("did not answer within 700 ms"), Results.text(result));
        assertNextCallWorks();
    }

    @Test
    void aChangeThatTimedOutIsNotMarkedRetryableBecauseItMayHaveHappened() {
        upstream.respondWith(request -> new Reply(201, Map.of("Content-Type", "application/json"), "{}", 3000));
        CallToolResult read = server.call("list_all_tempo_bookings", ARGS);
        assertEquals(true, Results.at(read, "error", "retryable"), "a read may simply be repeated");
        CallToolResult write = server.call("cancel_tempo_booking_by_id", Map.of("bookingUid", "abc"));
        assertEquals("upstream_unavailable", Results.at(write, "error", "type"));
        assertEquals(false, Results.at(write, "error", "retryable"), Results.text(write));
        assertTrue(
                Results.text(write).contains("It is not known whether cancel_tempo_booking_by_id took effect"),
                Results.text(write));
        assertNextCallWorks();
    }

    @Test
    void aNotFoundNamesTheIdAndAValidationErrorListsEveryField() {
        upstream.respondWith(request -> Reply.json(
                404, "{\"status\":\"error\",\"error\":{\"code\":\"NotFoundException\",\"message\":\"Not found\"}}"));
        CallToolResult missing = server.call("get_single_tempo_booking_by_id", Map.of("bookingUid", "no-such-uid"));
        assertTrue(
                Results.text(missing).contains("Nothing was found for bookingUid \"no-such-uid\""),
                Results.text(missing));
        assertEquals(false, Results.at(missing, "error", "retryable"));

        upstream.respondWith(request -> Reply.json(
                400,
                "{\"message\":[\"attendee.email must be an email\",\"start must be a valid ISO 8601 date string\"],"
                        + "\"error\":\"Bad Request\",\"statusCode\":400}"));
        CallToolResult invalid = server.call("list_all_tempo_bookings", ARGS);
        String text = Results.text(invalid);
        assertTrue(
                text.contains(
                        "HTTP 400 Bad Request:\n- attendee.email must be an email\n- start must be a valid ISO 8601"
                                + " date string"),
                text);
        assertEquals(false, Results.at(invalid, "error", "retryable"));

        upstream.respondWith(request -> Reply.json(
                403, "{\"status\":\"error\",\"error\":{\"code\":\"ForbiddenException\",\"message\":\"Forbidden\"}}"));
        String forbidden = Results.text(server.call("list_all_tempo_bookings", ARGS));
        assertTrue(forbidden.contains("may not do this"), forbidden);
        assertFalse(forbidden.contains(RunningServer.API_KEY));
        assertNextCallWorks();
    }

    @Test
    void serverErrorsSayWhetherRetryingCanHelp() {
        for (int status : new int[] {500, 502, 503, 504}) {
            CallToolResult result = failWith(Reply.json(status, "{\"status\":\"error\"}"));
            assertEquals(status != 500, Results.at(result, "error", "retryable"), "HTTP " + status);
        }
        assertNextCallWorks();
    }

    @Test
    void connectionRefused_isReportedAndTheServerStaysResponsive() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RunningServer refused = new RunningServer(URI.create("http://127.0.0.1:" + closedPort))) {
            CallToolResult result = refused.call("list_all_tempo_bookings", ARGS);
            assertTrue(result.isError());
            assertEquals("upstream_unavailable", Results.at(result, "error", "type"));
            assertTrue(Results.text(result).contains("Could not connect to the Tempo API"), Results.text(result));
            // The URL is the operator's business (it may name a host inside their network): never in tool text.
            assertFalse(Results.text(result).contains("127.0.0.1"), Results.text(result));
            assertFalse(Results.text(result).contains(String.valueOf(closedPort)), Results.text(result));
            // The same server still answers: listing tools and refusing bad arguments need no upstream.
            assertFalse(refused.client().listTools().tools().isEmpty());
            assertTrue(refused.call("get_single_tempo_booking_by_id", Map.of()).isError());
            assertTrue(refused.log().contains("\"status\":\"upstream_unavailable\""), refused.log());
        }
    }

    private CallToolResult failWith(Reply reply) {
        upstream.respondWith(request -> reply);
        CallToolResult result = server.call("list_all_tempo_bookings", ARGS);
        assertTrue(result.isError(), () -> "expected a tool error, got " + Results.text(result));
        assertFalse(Results.text(result).contains("Exception:"), "no stack traces");
        assertFalse(server.log().contains(RunningServer.API_KEY), "the key is never logged");
        return result;
    }

    private void assertNextCallWorks() {
        upstream.respondWith(request -> HEALTHY);
        CallToolResult next = server.call("list_all_tempo_bookings", ARGS);
        assertFalse(next.isError(), () -> Results.text(next));
        assertEquals("success", Results.at(next, "status"));
        assertNull(Results.at(next, "error"));
    }
}

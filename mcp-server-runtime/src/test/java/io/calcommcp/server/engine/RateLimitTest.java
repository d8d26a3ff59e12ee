package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.mcp.McpToolSurface;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits as a model and an agent see them, whatever header family the API sends: a 429 is
 * passed on at once (one upstream request, no retry) with when to try again in seconds, and a
 * success carries the limits too, so a caller can slow down before it hits the wall.
 */
class RateLimitTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String THROTTLED =
            "{\"status\":\"error\",\"error\":{\"code\":\"ThrottlerException\",\"message\":\"Too many requests\"}}";

    private final MutableClock clock = new MutableClock(NOW);
    private FakeHttpServer upstream;
    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
        server = new RunningServer(
                ServerConfig.local("TEMPO_API_KEY", RunningServer.API_KEY, upstream.baseUrl()), clock);
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    @Test
    void aResetGivenAsEpochSecondsBecomesSecondsFromNow() {
        CallToolResult result = limited(Map.of(
                "X-RateLimit-Limit", "120",
                "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 37)));
        assertEquals(1, upstream.requests().size(), "exactly one upstream request: no retry");
        assertEquals(
                Map.of("ratelimit-limit", 120, "ratelimit-remaining", 0, "ratelimit-reset", 37),
                Results.at(result, "error", "rateLimit"));
        assertEquals(37, Results.at(result, "error", "retry_after_seconds"));
        assertEquals(true, Results.at(result, "error", "retryable"));
        assertTrue(
                Results.text(result).contains("Try again in 37 seconds (at 2026-12-01T12:00:37Z), not sooner"),
                Results.text(result));
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateStandsInForAMissingReset() {
        CallToolResult seconds = limited(Map.of("Retry-After", "30"));
        assertEquals(1, upstream.requests().size());
        assertEquals(30, Results.at(seconds, "error", "retry_after_seconds"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ratelimit-limit", null);
        expected.put("ratelimit-remaining", null);
        expected.put("ratelimit-reset", 30);
        assertEquals(expected, Results.at(seconds, "error", "rateLimit"));

        String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
        CallToolResult httpDate = limited(Map.of("Retry-After", date));
        assertEquals(90, Results.at(httpDate, "error", "retry_after_seconds"));
    }

    @Test
    void throttlerSuffixedHeadersAndTheIetfNamesAreReadToo() {
        CallToolResult suffixed = limited(Map.of(
                "X-RateLimit-Limit-Default", "10",
                "X-RateLimit-Remaining-Default", "0",
                "X-RateLimit-Reset-Default", "12"));
        assertEquals(
                Map.of("ratelimit-limit", 10, "ratelimit-remaining", 0, "ratelimit-reset", 12),
                Results.at(suffixed, "error", "rateLimit"));
        CallToolResult ietf =
                limited(Map.of("RateLimit-Limit", "100", "RateLimit-Remaining", "0", "RateLimit-Reset", "5"));
        assertEquals(5, Results.at(ietf, "error", "retry_after_seconds"));
    }

    @Test
    void aSuccessCarriesTheLimitsInMetaAndOneWithoutHeadersCarriesNone() {
        upstream.respondWith(request -> new Reply(
                200,
                Map.of(
                        "Content-Type", "application/json",
                        "X-RateLimit-Limit", "120",
                        "X-RateLimit-Remaining", "7",
                        "X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 20)),
                "{\"status\":\"success\",\"data\":[]}",
                0));
        CallToolResult result = server.call("list_all_tempo_event_types", Map.of());
        assertFalse(Boolean.TRUE.equals(result.isError()));
        assertEquals(
                Map.of("ratelimit-limit", 120, "ratelimit-remaining", 7, "ratelimit-reset", 20),
                result.meta().get(McpToolSurface.RATE_LIMIT));
        assertEquals("{\"status\":\"success\",\"data\":[]}", Results.text(result), "the answer itself is untouched");

        upstream.respondWith(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
        CallToolResult plain = server.call("list_all_tempo_event_types", Map.of());
        assertNull(plain.meta() == null ? null : plain.meta().get(McpToolSurface.RATE_LIMIT));
    }

    @Test
    void aLimitWithoutAnyTimeSaysToWaitAMinute() {
        CallToolResult result = limited(Map.of());
        assertNull(Results.at(result, "error", "retry_after_seconds"));
        assertTrue(Results.text(result).contains("wait at least a minute"), Results.text(result));
    }

    private CallToolResult limited(Map<String, String> headers) {
        upstream.clear();
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        upstream.respondWith(request -> new Reply(429, all, THROTTLED, 0));
        CallToolResult result = server.call("list_all_tempo_event_types", Map.of());
        assertTrue(Boolean.TRUE.equals(result.isError()), Results.text(result));
        assertEquals("rate_limited", Results.at(result, "error", "type"));
        return result;
    }
}

package io.calcommcp.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.PrometheusText;
import io.calcommcp.server.testing.ScopedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} after a known set of calls: every counter has exactly the value those calls
 * make, the histogram counted every upstream answer, JVM and pool meters are there, and no label
 * holds a token, a key or an argument value.
 */
class MetricsTest {

    private static final String KEY = "tempo_live_metrics_secret_0123";
    private static final String TOOL = "list_all_tempo_bookings";

    @TempDir
    Path dataDir;

    @Test
    void theCountersShowExactlyTheCallsMade() throws Exception {
        try (FakeHttpServer upstream = new FakeHttpServer(request -> request.rawQuery() != null
                                && request.rawQuery().contains("attendeeEmail=busy")
                        ? new Reply(429, Map.of("Content-Type", "application/json", "Retry-After", "7"), "{}", 0)
                        : Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
                ScopedServer server = new ScopedServer(
                        dataDir,
                        upstream.baseUrl(),
                        MutableClock.startingNow(),
                        Optional.empty(),
                        RequestLimits.defaults())) {
            String account = server.createAccount("Acme", KEY, upstream.baseUrl());
            JsonNode mcp = server.createMcpServer(account, "{\"name\":\"m\",\"config\":{\"max_calls_per_minute\":4}}");
            String url = server.urlWithToken(mcp.path("url").asText());

            call(url, "{}"); // ok
            call(url, "{}"); // ok
            call(url, "{\"attendeeEmail\":\"busy@example.com\"}"); // the API answers 429
            call(url, "{\"take\":\"many\"}"); // invalid arguments: nothing sent, not counted by the limit
            call(url, "{}"); // ok: the fourth call the limit counts
            call(url, "{}"); // refused: the fifth in a minute
            ScopedServer.post(url, "{not json", Optional.empty()); // parse error

            HttpResponse<String> scraped = server.get("/metrics");
            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
            String text = scraped.body();
            assertEquals(
                    3.0,
                    PrometheusText.value(text, "mcp_tool_calls_total", "outcome=\"ok\",tool=\"" + TOOL + "\""),
                    text);
            assertEquals(
                    2.0,
                    PrometheusText.value(
                            text, "mcp_tool_calls_total", "outcome=\"rate_limited\",tool=\"" + TOOL + "\""));
            assertEquals(
                    1.0,
                    PrometheusText.value(
                            text, "mcp_tool_calls_total", "outcome=\"invalid_arguments\",tool=\"" + TOOL + "\""));
            assertEquals(
                    3.0,
                    PrometheusText.value(text, "mcp_upstream_responses_total", "status=\"200\",tool=\"" + TOOL + "\""));
            assertEquals(
                    1.0,
                    PrometheusText.value(text, "mcp_upstream_responses_total", "status=\"429\",tool=\"" + TOOL + "\""));
            assertEquals(1.0, PrometheusText.value(text, "mcp_upstream_rate_limited_total", "tool=\"" + TOOL + "\""));
            assertEquals(
                    4.0, PrometheusText.value(text, "mcp_upstream_request_seconds_count", "tool=\"" + TOOL + "\""));
            assertEquals(1.0, PrometheusText.value(text, "mcp_refused_total", "reason=\"calls_per_minute\""));
            assertEquals(1.0, PrometheusText.value(text, "mcp_refused_total", "reason=\"parse_error\""));
            assertTrue(text.contains("mcp_upstream_request_seconds_bucket{"), "a histogram");
            assertEquals(0.0, PrometheusText.value(text, "mcp_active_requests", ""));
            assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM meters");
            assertTrue(text.contains("hikaricp_connections"), "pool meters");
            assertEquals(4, upstream.requests().size());
            String token = url.substring(url.lastIndexOf('/') + 1);
            for (String secret : new String[] {KEY, token, "busy@example.com", "many"}) {
                assertFalse(text.contains(secret), "a secret or an argument value in the metrics: " + secret);
            }
        }
    }

    private static void call(String url, String arguments) throws Exception {
        HttpResponse<String> response = ScopedServer.post(
                url,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + TOOL
                        + "\",\"arguments\":" + arguments + "}}",
                Optional.empty());
        assertEquals(200, response.statusCode(), response.body());
    }
}

package io.calcommcp.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * More calls at once than the process allows, against an API that takes 1.5 s per answer: the
 * calls beyond the bound are refused at once as {@code rate_limited} with a retry time, the health
 * check answers meanwhile, and every call that was let in completes with the API's answer.
 */
class SaturationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BOUND = 4;
    private static final int CALLS = 12;
    private static final long UPSTREAM_MILLIS = 1500;

    @Test
    void callsBeyondTheBound_areRefusedQuickly_whileAdmittedOnesComplete_andHealthAnswers() throws Exception {
        try (FakeHttpServer upstream = new FakeHttpServer(request -> new Reply(
                        200,
                        Map.of("Content-Type", "application/json"),
                        "{\"status\":\"success\",\"data\":[{\"id\":1}]}",
                        UPSTREAM_MILLIS));
                RunningServer server =
                        new RunningServer(ServerConfig.local("TEMPO_API_KEY", "tempo_test", upstream.baseUrl())
                                .withLimits(RequestLimits.defaults().withMaxConcurrentCalls(BOUND)))) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<Integer, Long> millis = new ConcurrentHashMap<>();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                int id = i;
                calls.add(http.sendAsync(toolCall(server, id), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> millis.put(id, (System.nanoTime() - start) / 1_000_000)));
            }
            Thread.sleep(UPSTREAM_MILLIS / 3);
            long healthStart = System.nanoTime();
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long healthMillis = (System.nanoTime() - healthStart) / 1_000_000;
            assertEquals(200, health.statusCode(), health.body());

            int ok = 0;
            int refused = 0;
            long slowestRefusal = 0;
            for (int i = 0; i < CALLS; i++) {
                HttpResponse<String> response = calls.get(i).join();
                assertEquals(200, response.statusCode(), response.body());
                JsonNode result = JSON.readTree(response.body()).path("result");
                if (!result.path("isError").asBoolean()) {
                    ok++;
                    assertTrue(millis.get(i) >= UPSTREAM_MILLIS, "an admitted call ended before the API answered");
                    continue;
                }
                JsonNode error = result.path("structuredContent").path("error");
                assertEquals("rate_limited", error.path("type").asText(), response.body());
                assertEquals("concurrent_calls", error.path("limit").asText(), response.body());
                assertEquals(BOUND, error.path("max_concurrent_calls").asInt(), response.body());
                assertTrue(error.path("retryable").asBoolean(), response.body());
                assertEquals(1, error.path("retry_after_seconds").asInt(), response.body());
                assertTrue(
                        result.path("content").get(0).path("text").asText().contains("Try again in 1 second"),
                        response.body());
                refused++;
                slowestRefusal = Math.max(slowestRefusal, millis.get(i));
            }
            System.out.println("saturation: " + CALLS + " calls at once, bound " + BOUND + ": " + ok + " completed, "
                    + refused + " refused within " + slowestRefusal + " ms; /healthz answered in " + healthMillis
                    + " ms");
            assertEquals(BOUND, ok, "admitted calls");
            assertEquals(CALLS - BOUND, refused, "refused calls");
            assertEquals(BOUND, upstream.requests().size(), "refused calls must send nothing upstream");
            assertTrue(slowestRefusal < UPSTREAM_MILLIS / 2, "refusals took " + slowestRefusal + " ms");
            assertTrue(healthMillis < 500, "/healthz took " + healthMillis + " ms");

            // The slots are free again once the calls are done.
            HttpResponse<String> after = http.send(toolCall(server, 99), HttpResponse.BodyHandlers.ofString());
            assertTrue(after.body().contains("\"isError\":false"), after.body());
        }
    }

    private static HttpRequest toolCall(RunningServer server, int id) {
        return HttpRequest.newBuilder(server.url())
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + id
                        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"list_all_tempo_bookings\","
                        + "\"arguments\":{}}}"))
                .build();
    }
}

package io.calcommcp.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.ScopedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-URL call limits: {@code config.max_calls_per_minute} set through the admin API, enforced
 * before anything is sent, answered as {@code rate_limited} with {@code retry_after_seconds}, and
 * counted per URL, so another URL of the same account is not affected. The server's flag gives
 * the default of URLs that set none.
 */
class CallsPerMinuteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"list_all_tempo_bookings\",\"arguments\":{}}}";

    @TempDir
    Path dataDir;

    private FakeHttpServer upstream;
    private MutableClock clock;
    private ScopedServer server;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
        clock = MutableClock.startingNow();
        // The server's default for URLs without their own limit: 3 a minute.
        server = new ScopedServer(
                dataDir,
                upstream.baseUrl(),
                clock,
                Optional.empty(),
                RequestLimits.defaults().withMaxCallsPerMinute(3));
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    @Test
    void theSixthCallInAMinute_isRefusedWithRetryAfter_andNothingSent_whileAnotherUrlIsUnaffected() throws Exception {
        String account = server.createAccount("Acme", "tempo_live_acme_secret_0123", upstream.baseUrl());
        JsonNode limited =
                server.createMcpServer(account, "{\"name\":\"limited\",\"config\":{\"max_calls_per_minute\":5}}");
        JsonNode unlimited =
                server.createMcpServer(account, "{\"name\":\"unlimited\",\"config\":{\"max_calls_per_minute\":null}}");
        assertEquals(5, limited.path("config").path("max_calls_per_minute").asInt());
        assertTrue(unlimited.path("config").path("max_calls_per_minute").isNull(), unlimited.toString());
        String limitedUrl = server.urlWithToken(limited.path("url").asText());
        String otherUrl = server.urlWithToken(unlimited.path("url").asText());

        for (int i = 1; i <= 5; i++) {
            assertFalse(call(limitedUrl).path("isError").asBoolean(), "call " + i);
            clock.advance(Duration.ofSeconds(2));
        }
        assertEquals(5, upstream.requests().size());
        JsonNode sixth = call(limitedUrl);
        JsonNode error = sixth.path("structuredContent").path("error");
        assertTrue(sixth.path("isError").asBoolean(), sixth.toString());
        assertEquals("rate_limited", error.path("type").asText());
        assertEquals("calls_per_minute", error.path("limit").asText());
        assertEquals(5, error.path("max_calls_per_minute").asInt());
        // The first call was 10 s ago: it leaves the window in 50 s.
        assertEquals(50, error.path("retry_after_seconds").asInt(), error.toString());
        assertTrue(sixth.path("content").get(0).path("text").asText().contains("Try again in 50 seconds"));
        assertEquals(5, upstream.requests().size(), "the refused call must send nothing upstream");

        for (int i = 0; i < 10; i++) {
            assertFalse(call(otherUrl).path("isError").asBoolean(), "the other URL, call " + i);
        }
        assertEquals(15, upstream.requests().size());

        clock.advance(Duration.ofSeconds(50));
        assertFalse(call(limitedUrl).path("isError").asBoolean(), "a call after the window moved on");
        assertTrue(server.log().contains("\"status\":\"rate_limited\""), server.log());
    }

    @Test
    void urlsWithoutTheirOwnLimit_getTheServersDefault_andTheAdminApiSaysSo() throws Exception {
        String account = server.createAccount("Acme", "tempo_live_acme_secret_0123", upstream.baseUrl());
        JsonNode byDefault = server.createMcpServer(account, "{\"name\":\"default\"}");
        assertEquals(
                "default", byDefault.path("config").path("max_calls_per_minute").asText());
        String url = server.urlWithToken(byDefault.path("url").asText());
        for (int i = 0; i < 3; i++) {
            assertFalse(call(url).path("isError").asBoolean());
        }
        assertEquals(
                "rate_limited",
                call(url).path("structuredContent").path("error").path("type").asText());

        // Lifting the limit takes effect on the next call.
        ScopedServer.AdminAnswer lifted = server.admin(
                "PATCH",
                "/integrated-account/" + account + "/mcp/"
                        + byDefault.path("id").asText(),
                "{\"config\":{\"max_calls_per_minute\":null}}");
        assertEquals(200, lifted.status(), lifted.body().toString());
        assertFalse(call(url).path("isError").asBoolean());
        assertEquals(4, upstream.requests().size());
    }

    @Test
    void badLimits_areRefusedByTheAdminApi_withTheField() throws Exception {
        String account = server.createAccount("Acme", "tempo_live_acme_secret_0123", upstream.baseUrl());
        for (String bad : new String[] {"0", "-1", "100001", "1.5", "\"many\"", "true"}) {
            ScopedServer.AdminAnswer answer = server.admin(
                    "POST",
                    "/integrated-account/" + account + "/mcp",
                    "{\"name\":\"x\",\"config\":{\"max_calls_per_minute\":" + bad + "}}");
            assertEquals(400, answer.status(), bad + ": " + answer.body());
            String message = answer.body()
                    .path("fields")
                    .path("config.max_calls_per_minute")
                    .asText();
            assertTrue(message.contains("from 1 to 100000"), bad + ": " + answer.body());
        }
    }

    private static JsonNode call(String url) throws Exception {
        HttpResponse<String> response = ScopedServer.post(url, CALL, Optional.empty());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("result");
    }
}

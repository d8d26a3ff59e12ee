package io.calcommcp.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.PostgresServer;
import io.calcommcp.server.testing.ScopedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under the running server: scoped URLs answer 503 with {@code Retry-After}
 * at once rather than hang, {@code /readyz} turns not-ready while {@code /healthz} stays up, and
 * when the database is back the server serves again by itself.
 */
class StoreOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"list_all_tempo_bookings\",\"arguments\":{}}}";

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseOutage_gets503Quickly_andTheServerRecoversByItself() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                FakeHttpServer upstream =
                        new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
                ScopedServer server = new ScopedServer(
                        StoreLocation.jdbc(
                                postgres.createDatabase(), Optional.of(postgres.user()), Optional.empty(), dataDir),
                        new EncryptionKey(
                                "TEMPO_MCP_ENCRYPTION_KEY",
                                Optional.of(Base64.getEncoder().encodeToString(new byte[32])),
                                Optional.empty()),
                        upstream.baseUrl(),
                        MutableClock.startingNow(),
                        Optional.empty(),
                        RequestLimits.defaults())) {
            String account = server.createAccount("Acme", "tempo_live_outage_secret", upstream.baseUrl());
            String url = server.urlWithToken(server.createMcpServer(account, "{\"name\":\"o\"}")
                    .path("url")
                    .asText());
            assertEquals(200, ScopedServer.post(url, LIST, Optional.empty()).statusCode());
            assertEquals(200, server.get("/readyz").statusCode());

            postgres.stop();
            long start = System.nanoTime();
            HttpResponse<String> down = ScopedServer.post(url, LIST, Optional.empty());
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode body = JSON.readTree(down.body());
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("store_unavailable", body.path("error").asText());
            assertTrue(down.headers().firstValue("Retry-After").isPresent());
            HttpResponse<String> ready = server.get("/readyz");
            assertEquals(503, ready.statusCode(), ready.body());
            assertEquals(
                    "store_unreachable",
                    JSON.readTree(ready.body()).path("reason").asText());
            assertEquals(200, server.get("/healthz").statusCode());

            postgres.startAgain();
            long restarted = System.nanoTime();
            int status = 0;
            while (System.nanoTime() - restarted < 30_000_000_000L) {
                status = ScopedServer.post(url, LIST, Optional.empty()).statusCode();
                if (status == 200) {
                    break;
                }
                Thread.sleep(100);
            }
            long recoveredMillis = (System.nanoTime() - restarted) / 1_000_000;
            System.out.println("store outage: 503 after " + millis + " ms; serving again " + recoveredMillis
                    + " ms after the database restarted");
            assertTrue(millis < 3000, "the refusal took " + millis + " ms");
            assertEquals(200, status, "the server did not recover");
            assertEquals(200, server.get("/readyz").statusCode());
        }
    }
}

package io.calcommcp.server.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.PostgresServer;
import io.calcommcp.server.testing.PrometheusText;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two server processes (the built jar) on one real PostgreSQL: they start together on an empty
 * database and migrate it once; URLs and API tokens changed through one are honoured by the other
 * within a second; a load across both has no errors, and after one is killed every call to the
 * other succeeds; SIGTERM lets a running call finish and exits 0; {@code /metrics} counts the
 * calls the replica served.
 */
class FleetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOL = "list_all_calcom_bookings";

    @Test
    void twoReplicasOnOnePostgres_behaveAsOneServer() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        String database = postgres.createDatabase();
        try (FakeHttpServer upstream = new FakeHttpServer(request -> request.rawQuery() != null
                        && request.rawQuery().contains("attendeeEmail=slow")
                ? new Reply(
                        200, Map.of("Content-Type", "application/json"), "{\"status\":\"success\",\"data\":[]}", 1500)
                : Reply.json(200, "{\"status\":\"success\",\"data\":[]}"))) {
            Map<String, String> env = Map.of(
                    "CALCOM_MCP_DB_URL", database,
                    "CALCOM_MCP_DB_USER", postgres.user(),
                    "CALCOM_MCP_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                    "CALCOM_API_BASE_URL", upstream.baseUrl().toString());
            try (Replica one = Replica.start(env);
                    Replica two = Replica.start(env)) {
                one.awaitStarted();
                two.awaitStarted();
                assertEquals(List.of("1x1", "2x1", "3x1"), postgres.appliedMigrations(database));

                String account = field(
                        one.admin(
                                "POST",
                                "/integrated-account",
                                "{\"name\":\"Acme\",\"api_key\":\"cal_live_fleet_secret\",\"base_url\":\""
                                        + upstream.baseUrl() + "\"}"),
                        "id");

                // A URL minted on one works on two; deleted on one, two refuses it within a second.
                HttpResponse<String> minted =
                        one.admin("POST", "/integrated-account/" + account + "/mcp", "{\"name\":\"shared\"}");
                String token = token(minted);
                String mcpId = field(minted, "id");
                assertCallSucceeds(two.mcpUrl(token), null);
                assertEquals(
                        204,
                        one.admin("DELETE", "/integrated-account/" + account + "/mcp/" + mcpId, null)
                                .statusCode());
                long revokedMillis = millisUntilStatus(two.mcpUrl(token), null, 404);
                System.out.println(
                        "fleet: a URL deleted on replica 1 was refused by replica 2 after " + revokedMillis + " ms");
                assertTrue(revokedMillis <= 1000, revokedMillis + " ms");

                // An API token revoked on two stops working on one within a second.
                HttpResponse<String> apiToken = one.admin("POST", "/api-token", "{\"name\":\"ci\"}");
                String bearer = "Bearer " + field(apiToken, "token");
                String guarded = token(one.admin(
                        "POST",
                        "/integrated-account/" + account + "/mcp",
                        "{\"name\":\"guarded\",\"config\":{\"require_api_token_auth\":true}}"));
                assertCallSucceeds(one.mcpUrl(guarded), bearer);
                assertEquals(
                        204,
                        two.admin("DELETE", "/api-token/" + field(apiToken, "id"), null)
                                .statusCode());
                long tokenMillis = millisUntilStatus(one.mcpUrl(guarded), bearer, 401);
                System.out.println("fleet: an API token revoked on replica 2 was refused by replica 1 after "
                        + tokenMillis + " ms");
                assertTrue(tokenMillis <= 1000, tokenMillis + " ms");

                // Load across both; replica 1 is killed in the middle; calls to replica 2 all succeed.
                String loadToken =
                        token(one.admin("POST", "/integrated-account/" + account + "/mcp", "{\"name\":\"load\"}"));
                Load load = load(one, two, loadToken);
                System.out.println("fleet: load of " + load.beforeKill + " calls across both replicas with "
                        + load.errorsBeforeKill
                        + " errors; after replica 1 was killed, " + load.afterKill + " calls to replica 2 with "
                        + load.errorsAfterKill + " errors (" + load.lostOnKilled
                        + " in flight on replica 1 were lost)");
                assertEquals(0, load.errorsBeforeKill, "errors while both replicas ran");
                assertTrue(load.beforeKill >= CALLS_EACH_SIDE, "calls before the kill: " + load.beforeKill);
                assertEquals(0, load.errorsAfterKill, "errors on replica 2 after replica 1 was killed");
                assertTrue(load.afterKill >= CALLS_EACH_SIDE, "calls after the kill: " + load.afterKill);

                // The metrics of replica 2 count exactly the calls it answered successfully.
                double served = PrometheusText.value(
                        two.get("/metrics").body(), "mcp_tool_calls_total", "outcome=\"ok\",tool=\"" + TOOL + "\"");
                // The load's successful calls on replica 2, and the one call that showed the URL worked there.
                assertEquals(load.okOnTwo.get() + 1, (int) served, "ok calls counted by replica 2's /metrics");

                // SIGTERM while a call runs: the call completes, the process exits 0.
                ExecutorService one_call = Executors.newSingleThreadExecutor();
                Future<HttpResponse<String>> slow = one_call.submit(() ->
                        Replica.post(two.mcpUrl(loadToken), call("{\"attendeeEmail\":\"slow@example.com\"}"), null));
                Thread.sleep(400);
                two.process().destroy();
                HttpResponse<String> finished = slow.get(20, TimeUnit.SECONDS);
                one_call.shutdown();
                assertEquals(200, finished.statusCode(), finished.body());
                assertTrue(finished.body().contains("\"isError\":false"), finished.body());
                assertTrue(two.process().waitFor(25, TimeUnit.SECONDS), "replica 2 did not stop");
                assertEquals(0, two.process().exitValue(), two.log());
                assertTrue(two.log().contains("\"event\":\"server_stopped\""), two.log());
            }
        }
    }

    /** Calls the load makes before replica 1 is killed, and after. */
    private static final int CALLS_EACH_SIDE = 100;

    private record Load(
            int beforeKill,
            int errorsBeforeKill,
            int afterKill,
            int errorsAfterKill,
            int lostOnKilled,
            AtomicInteger okOnTwo) {}

    private static Load load(Replica one, Replica two, String token) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger before = new AtomicInteger();
        AtomicInteger errorsBefore = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        AtomicInteger errorsAfter = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger okOnTwo = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    boolean afterKill = killed.get();
                    Replica target = afterKill || (i + client) % 2 == 0 ? two : one;
                    boolean ok;
                    try {
                        HttpResponse<String> response = Replica.post(target.mcpUrl(token), call("{}"), null);
                        ok = response.statusCode() == 200 && response.body().contains("\"isError\":false");
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (ok && target == two) {
                        okOnTwo.incrementAndGet();
                    }
                    if (afterKill) {
                        after.incrementAndGet();
                        if (!ok) {
                            errorsAfter.incrementAndGet();
                        }
                    } else if (target == one && killed.get()) {
                        // Sent before the kill, answered (or not) after it: replica 1's own in-flight call.
                        if (!ok) {
                            lost.incrementAndGet();
                        }
                    } else {
                        before.incrementAndGet();
                        if (!ok) {
                            errorsBefore.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        // Enough calls on each side of the kill, however slow the machine: counted, not timed.
        awaitAtLeast(before, CALLS_EACH_SIDE);
        killed.set(true);
        one.process().destroyForcibly();
        awaitAtLeast(after, CALLS_EACH_SIDE);
        stop.set(true);
        for (Future<?> future : running) {
            future.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();
        return new Load(before.get(), errorsBefore.get(), after.get(), errorsAfter.get(), lost.get(), okOnTwo);
    }

    /** Waits until {@code count} reaches {@code wanted}, for at most a minute. */
    private static void awaitAtLeast(AtomicInteger count, int wanted) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (count.get() < wanted && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    private static String call(String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + TOOL + "\","
                + "\"arguments\":" + arguments + "}}";
    }

    private static void assertCallSucceeds(String url, String authorization) throws Exception {
        HttpResponse<String> response = Replica.post(url, call("{}"), authorization);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"isError\":false"), response.body());
    }

    private static long millisUntilStatus(String url, String authorization, int status) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 10_000_000_000L) {
            if (Replica.post(url, call("{}"), authorization).statusCode() == status) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never answered " + status);
    }

    private static String field(HttpResponse<String> response, String name) throws Exception {
        assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
        JsonNode body = JSON.readTree(response.body());
        return body.path(name).asText();
    }

    private static String token(HttpResponse<String> created) throws Exception {
        String url = field(created, "url");
        return url.substring(url.lastIndexOf('/') + 1);
    }
}

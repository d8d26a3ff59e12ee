package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.prism.PrismExtension;
import io.calcommcp.server.prism.RecordingPrism;
import io.calcommcp.server.prism.RelaxedSpec;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.ScopedServer;
import io.calcommcp.toolapi.MetaTools;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoped URLs end to end: accounts and URLs minted with the admin API, the MCP Java SDK client on
 * each URL, and Prism 5.16.0 (mock mode, on a copy of Cal.com's spec with non-discriminated {@code
 * oneOf}s relaxed to {@code anyOf}, see {@link RelaxedSpec}) behind a recording proxy, validating
 * every request the server sends. A refused call must send nothing upstream; the recording shows
 * it. Expiry is tested with a clock the test moves forward.
 */
@ExtendWith(PrismExtension.class)
class ScopedUrlEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_A = "cal_live_account_a_secret_0123";
    private static final String KEY_B = "cal_live_account_b_secret_4567";

    private final RecordingPrism prism;

    @TempDir
    Path dataDir;

    private MutableClock clock;
    private ScopedServer server;

    ScopedUrlEndToEndTest(RecordingPrism prism) {
        this.prism = prism;
    }

    @BeforeEach
    void start() throws Exception {
        clock = MutableClock.startingNow();
        server = new ScopedServer(dataDir, prism.baseUrl(), clock, Optional.empty());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aReadOnlyUrlListsOnlyReadToolsAndIsRefusedACreate() throws Exception {
        String account = server.createAccount("Acme", KEY_A, prism.baseUrl());
        String url =
                url(server.createMcpServer(account, "{\"name\":\"read only\",\"config\":{\"methods\":[\"read\"]}}"));
        McpSyncClient client = ScopedServer.client(url, Optional.empty());
        try {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertTrue(tools.size() > 20, "read tools: " + tools.size());
            assertTrue(
                    tools.stream()
                            .allMatch(t -> Boolean.TRUE.equals(t.annotations().readOnlyHint())),
                    "every listed tool is read-only");
            assertTrue(names(tools).contains("list_all_calcom_bookings"));
            assertFalse(names(tools).contains("create_a_calcom_booking"));

            assertOk(call(client, "list_all_calcom_bookings", Map.of()));
            RecordedRequest sent = onlyRequest();
            assertEquals("/v2/bookings", sent.path());
            assertEquals("Bearer " + KEY_A, sent.header("authorization"));

            McpError refused = assertThrows(
                    McpError.class,
                    () -> call(
                            client,
                            "create_a_calcom_booking",
                            Map.of("start", "2026-12-24T10:00:00Z", "attendee", Map.of(), "eventTypeId", 1)));
            assertTrue(refused.getMessage().contains("Unknown tool"), refused.getMessage());
            assertEquals(List.of(), prism.requests(), "a refused call sends nothing upstream");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void aTagFilteredUrlListsOnlyToolsWithThatTag() throws Exception {
        String account = server.createAccount("Acme", KEY_A, prism.baseUrl());
        String url =
                url(server.createMcpServer(account, "{\"name\":\"schedules\",\"config\":{\"tags\":[\"schedules\"]}}"));
        McpSyncClient client = ScopedServer.client(url, Optional.empty());
        try {
            Set<String> names = names(client.listTools().tools());
            Set<String> expected = toolsWhere(t -> t.tags().contains("schedules"));
            assertEquals(expected, names);
            assertTrue(names.contains("create_a_calcom_schedule") && names.contains("list_all_calcom_schedules"));
            assertOk(call(client, "list_all_calcom_schedules", Map.of()));
            assertEquals("/v2/schedules", onlyRequest().path());
            assertThrows(McpError.class, () -> call(client, "list_all_calcom_bookings", Map.of()));
            assertEquals(List.of(), prism.requests());
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void methodsAndTagsApplyTogether() throws Exception {
        String account = server.createAccount("Acme", KEY_A, prism.baseUrl());
        String writeBookings = url(server.createMcpServer(
                account,
                "{\"name\":\"booking changes\",\"config\":{\"methods\":[\"write\"],\"tags\":[\"bookings\"]}}"));
        String cancelOnly =
                url(server.createMcpServer(account, "{\"name\":\"cancel\",\"config\":{\"methods\":[\"cancel\"]}}"));
        McpSyncClient write = ScopedServer.client(writeBookings, Optional.empty());
        McpSyncClient cancel = ScopedServer.client(cancelOnly, Optional.empty());
        try {
            Set<String> writeNames = names(write.listTools().tools());
            assertEquals(
                    toolsWhere(t -> t.access() == io.calcommcp.toolapi.Access.WRITE
                            && t.tags().contains("bookings")),
                    writeNames);
            assertTrue(writeNames.contains("cancel_calcom_booking_by_id"));
            assertFalse(writeNames.contains("list_all_calcom_bookings"), "a read tool");
            assertFalse(writeNames.contains("create_a_calcom_team"), "another tag");
            assertEquals(
                    toolsWhere(t -> t.verb().equals("cancel")),
                    names(cancel.listTools().tools()));
        } finally {
            write.closeGracefully();
            cancel.closeGracefully();
        }
        assertEquals(List.of(), prism.requests());
    }

    @Test
    void anExpiredUrlStopsWorkingWithoutARestart() throws Exception {
        String account = server.createAccount("Acme", KEY_A, prism.baseUrl());
        String expiresAt = clock.instant().plus(Duration.ofSeconds(120)).toString();
        String url = url(server.createMcpServer(account, "{\"name\":\"short\",\"expires_at\":\"" + expiresAt + "\"}"));
        assertEquals(200, toolsList(url, Optional.empty()).statusCode());

        clock.advance(Duration.ofSeconds(121));
        HttpResponse<String> expired = toolsList(url, Optional.empty());
        assertEquals(404, expired.statusCode());
        assertEquals("not_found", JSON.readTree(expired.body()).get("error").asText());
        assertEquals(
                JSON.readTree(
                        toolsList(url.replaceAll(".$", "x"), Optional.empty()).body()),
                JSON.readTree(expired.body()),
                "an expired URL answers exactly like an unknown one");
        assertEquals(List.of(), prism.requests());
    }

    @Test
    void aRevokedUrlAndADeletedAccountsUrlsStopAtOnce() throws Exception {
        String accountA = server.createAccount("A", KEY_A, prism.baseUrl());
        String accountB = server.createAccount("B", KEY_B, prism.baseUrl());
        JsonNode revoked = server.createMcpServer(accountA, "{\"name\":\"revoked\"}");
        String kept = url(server.createMcpServer(accountA, "{\"name\":\"kept\"}"));
        String ofB = url(server.createMcpServer(accountB, "{\"name\":\"of b\"}"));
        assertEquals(200, toolsList(url(revoked), Optional.empty()).statusCode());
        assertEquals(200, toolsList(ofB, Optional.empty()).statusCode());

        assertEquals(
                204,
                server.admin(
                                "DELETE",
                                "/integrated-account/" + accountA + "/mcp/"
                                        + revoked.get("id").asText(),
                                null)
                        .status());
        assertEquals(404, toolsList(url(revoked), Optional.empty()).statusCode());
        assertEquals(200, toolsList(kept, Optional.empty()).statusCode(), "the account's other URL still works");

        assertEquals(
                204,
                server.admin("DELETE", "/integrated-account/" + accountB, null).status());
        assertEquals(404, toolsList(ofB, Optional.empty()).statusCode());
        assertEquals(List.of(), prism.requests());
    }

    @Test
    void aDiscoveryUrlShowsTheThreeMetaToolsOverItsOwnToolsOnly() throws Exception {
        String account = server.createAccount("Acme", KEY_A, prism.baseUrl());
        String url = url(server.createMcpServer(
                account,
                "{\"name\":\"discovery, read schedules\",\"config\":{\"methods\":[\"read\"],"
                        + "\"tags\":[\"schedules\"],\"tool_exposure\":\"discovery\"}}"));
        McpSyncClient client = ScopedServer.client(url, Optional.empty());
        try {
            assertEquals(
                    Set.of("search_calcom_tools", "get_calcom_tool_schema", "call_calcom_tool"),
                    client.listTools().tools().stream()
                            .map(McpSchema.Tool::name)
                            .collect(Collectors.toSet()));
            CallToolResult found =
                    call(client, "search_calcom_tools", Map.of("query", "schedules bookings", "limit", 25));
            List<?> tools = (List<?>) Results.at(found, "tools");
            assertFalse(tools.isEmpty());
            for (Object tool : tools) {
                String name = (String) ((Map<?, ?>) tool).get("name");
                assertTrue(name.contains("schedule") && !name.startsWith("create"), name + " is not on this URL");
            }
            CallToolResult outside =
                    call(client, "call_calcom_tool", Map.of("name", "list_all_calcom_bookings", "arguments", Map.of()));
            assertTrue(outside.isError(), "a tool outside the URL's filters is unknown here too");
            assertOk(call(
                    client, "call_calcom_tool", Map.of("name", "list_all_calcom_schedules", "arguments", Map.of())));
            assertEquals("/v2/schedules", onlyRequest().path());
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void aUrlThatRequiresAnApiTokenRefusesEveryBadOneAndAcceptsAValidOne() throws Exception {
        String account = server.createAccount("Acme", KEY_A, prism.baseUrl());
        String url = url(
                server.createMcpServer(account, "{\"name\":\"guarded\",\"config\":{\"require_api_token_auth\":true}}"));
        JsonNode valid = server.admin("POST", "/api-token", "{\"name\":\"ci\"}").body();
        JsonNode shortLived = server.admin(
                        "POST",
                        "/api-token",
                        "{\"name\":\"brief\",\"expires_at\":\""
                                + clock.instant().plus(Duration.ofSeconds(90)) + "\"}")
                .body();
        JsonNode revoked =
                server.admin("POST", "/api-token", "{\"name\":\"gone\"}").body();
        assertEquals(
                204,
                server.admin("DELETE", "/api-token/" + revoked.get("id").asText(), null)
                        .status());

        HttpResponse<String> missing = toolsList(url, Optional.empty());
        assertEquals(401, missing.statusCode());
        assertEquals(
                "Bearer realm=\"mcp\"",
                missing.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("unauthorized", JSON.readTree(missing.body()).get("error").asText());
        assertEquals(401, toolsList(url, bearer("not-a-token")).statusCode());
        assertEquals(401, toolsList(url, bearer("A".repeat(43))).statusCode(), "well-formed but unknown");
        assertEquals(401, toolsList(url, bearer(revoked.get("token").asText())).statusCode(), "revoked");
        assertEquals(
                200, toolsList(url, bearer(shortLived.get("token").asText())).statusCode());
        clock.advance(Duration.ofSeconds(91));
        assertEquals(
                401, toolsList(url, bearer(shortLived.get("token").asText())).statusCode(), "expired");
        assertEquals(List.of(), prism.requests(), "no refused request reached the API");

        McpSyncClient client =
                ScopedServer.client(url, bearer(valid.get("token").asText()));
        try {
            assertOk(call(client, "list_all_calcom_bookings", Map.of()));
            RecordedRequest sent = onlyRequest();
            assertEquals("Bearer " + KEY_A, sent.header("authorization"), "the account's key, not the API token");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void twoAccountsUrlsSendEachAccountsOwnKey() throws Exception {
        String urlA =
                url(server.createMcpServer(server.createAccount("A", KEY_A, prism.baseUrl()), "{\"name\":\"a\"}"));
        String urlB =
                url(server.createMcpServer(server.createAccount("B", KEY_B, prism.baseUrl()), "{\"name\":\"b\"}"));
        McpSyncClient a = ScopedServer.client(urlA, Optional.empty());
        McpSyncClient b = ScopedServer.client(urlB, Optional.empty());
        try {
            assertOk(call(a, "get_calcom_me", Map.of()));
            assertEquals("Bearer " + KEY_A, onlyRequest().header("authorization"));
            assertOk(call(b, "get_calcom_me", Map.of()));
            assertEquals("Bearer " + KEY_B, onlyRequest().header("authorization"));
            assertOk(call(a, "list_all_calcom_event_types", Map.of()));
            assertEquals("Bearer " + KEY_A, onlyRequest().header("authorization"));
        } finally {
            a.closeGracefully();
            b.closeGracefully();
        }
        String log = server.log();
        assertFalse(log.contains(KEY_A) || log.contains(KEY_B), "no key in the log");
        assertFalse(log.contains(token(urlA)) || log.contains(token(urlB)), "no URL token in the log");
        assertTrue(log.contains("\"mcp_server\":"), "calls are logged with the MCP server id");
    }

    private static String url(JsonNode created) {
        return created.get("url").asText();
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Optional<String> bearer(String token) {
        return Optional.of("Bearer " + token);
    }

    private static HttpResponse<String> toolsList(String url, Optional<String> authorization) throws Exception {
        return ScopedServer.post(url, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", authorization);
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static void assertOk(CallToolResult result) {
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> "tool error: " + Results.text(result));
    }

    private RecordedRequest onlyRequest() {
        List<RecordedRequest> requests = prism.requests();
        assertEquals(1, requests.size(), () -> "upstream requests: " + requests);
        prism.clear();
        return requests.get(0);
    }

    /** The catalog tools listed; the server's own schema tool is on every URL, whatever its filters. */
    private static Set<String> names(List<McpSchema.Tool> tools) {
        Set<String> names = tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
        assertTrue(names.remove(MetaTools.schema("calcom")), "the schema tool is listed too: " + names);
        return names;
    }

    private static Set<String> toolsWhere(java.util.function.Predicate<io.calcommcp.toolapi.ToolDefinition> filter) {
        return ServerAssembly.loadCatalog().tools().stream()
                .filter(filter)
                .map(io.calcommcp.toolapi.ToolDefinition::name)
                .collect(Collectors.toSet());
    }
}

package io.calcommcp.server.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RawHttp;
import io.calcommcp.server.testing.RunningServer;
import io.calcommcp.server.testing.TempoCatalog;
import io.calcommcp.toolapi.ToolExposure;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What real MCP clients need of the protocol layer and did not get: a 400 for a protocol version
 * the server does not speak, an unknown tool named in its error with the way to the callable
 * ones, and the {@code server/discover} probe of the newest clients answered so that they fall
 * back to {@code initialize}.
 */
class ClientCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeHttpServer upstream;
    private static RunningServer listed;
    private static RunningServer discovery;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
        listed = new RunningServer(upstream.baseUrl());
        discovery = new RunningServer(ServerConfig.local("TEMPO_API_KEY", RunningServer.API_KEY, upstream.baseUrl())
                .withToolExposure(ToolExposure.DISCOVERY));
    }

    @AfterAll
    static void stop() {
        listed.close();
        discovery.close();
        upstream.close();
    }

    private static RawHttp.Answer post(RunningServer server, String body, String protocolVersion) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (protocolVersion != null) {
            headers.put("MCP-Protocol-Version", protocolVersion);
        }
        return RawHttp.post(server.port(), "/mcp", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(RawHttp.Answer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    @Test
    void anUnknownProtocolVersionIsRefusedWith400() throws Exception {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}";
        for (String unknown : List.of("1999-01-01", "garbage", "2025-13-45", "2024-11-05")) {
            RawHttp.Answer answer = post(listed, ping, unknown);
            assertEquals(400, answer.status(), unknown + ": " + answer.body());
            JsonNode error = json(answer).path("error");
            assertEquals(-32600, error.path("code").asInt(), answer.body());
            assertTrue(error.path("message").asText().contains("2025-11-25"), "names what it speaks: " + answer.body());
            assertEquals(5, json(answer).path("id").asInt(), answer.body());
            assertFalse(answer.body().contains(unknown), "the header's text is not echoed: " + answer.body());
        }
        for (String known : List.of("2025-03-26", "2025-06-18", "2025-11-25")) {
            RawHttp.Answer answer = post(listed, ping, known);
            assertEquals(200, answer.status(), known + ": " + answer.body());
            assertTrue(json(answer).has("result"), answer.body());
        }
        assertEquals(200, post(listed, ping, null).status(), "no header: a client before the header existed");
        assertTrue(listed.log().contains("\"reason\":\"unsupported_protocol_version\""), listed.log());
    }

    @Test
    void serverDiscoverFallsBackToMethodNotFound() throws Exception {
        // A 2026-07-28 client probes with its own revision in the header; a -32601 tells it this
        // server predates the method, and it goes on with initialize.
        RawHttp.Answer probe = post(
                listed, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{}}", "2026-07-28");
        assertEquals(200, probe.status(), probe.body());
        assertEquals(-32601, json(probe).path("error").path("code").asInt(), probe.body());
        RawHttp.Answer initialize = post(
                listed,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2026-07-28\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"probe\",\"version\":\"1\"}}}",
                null);
        assertEquals(200, initialize.status(), initialize.body());
        assertEquals(
                "2025-11-25", json(initialize).at("/result/protocolVersion").asText(), initialize.body());
        RawHttp.Answer list = post(listed, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}", "2025-11-25");
        // Every tool of the catalog, and the server's own schema tool.
        assertEquals(
                TempoCatalog.TOOLS.size() + 1, json(list).at("/result/tools").size(), list.body());
    }

    @Test
    void anUnknownToolIsNamedInTheError() throws Exception {
        RawHttp.Answer answer = post(
                listed,
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"book_a_meeting\","
                        + "\"arguments\":{}}}",
                "2025-11-25");
        assertEquals(200, answer.status(), answer.body());
        JsonNode error = json(answer).path("error");
        assertEquals(-32602, error.path("code").asInt(), answer.body());
        String message = error.path("message").asText();
        assertTrue(message.startsWith("Unknown tool: book_a_meeting."), message);
        assertTrue(message.contains("tools/list") && message.contains("get_tempo_tool_schema"), message);
        assertFalse(message.contains("invalid_tool_name"), message);
        assertEquals(List.of(), upstream.requests(), "nothing is sent for an unknown tool");
    }

    @Test
    void inDiscoveryModeAnUnknownToolPointsToTheSearchTool() throws Exception {
        // A catalog tool called directly is not listed in discovery mode, so it is refused the same way.
        for (String name : List.of("no_such_tool", "list_all_tempo_bookings")) {
            RawHttp.Answer answer = post(
                    discovery,
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"" + name
                            + "\",\"arguments\":{}}}",
                    null);
            String message = json(answer).at("/error/message").asText();
            assertTrue(message.startsWith("Unknown tool: " + name + "."), message);
            assertTrue(message.contains("search_tempo_tools") && message.contains("call_tempo_tool"), message);
        }
    }
}

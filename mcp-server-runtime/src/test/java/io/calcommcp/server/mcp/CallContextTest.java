package io.calcommcp.server.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolScope;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.HttpHost;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.RunningServer;
import io.calcommcp.server.transport.CallerResolution;
import io.calcommcp.server.transport.CallerResolver;
import io.calcommcp.server.transport.McpEndpoint;
import io.calcommcp.server.transport.RequestOriginPolicy;
import io.calcommcp.toolapi.Access;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who is calling is decided per request and reaches the engine with the call: the caller's scope
 * decides what is listed and callable, and the caller's account decides whose key goes upstream.
 * Here the caller comes from a request header, the way a scoped URL will bring it.
 */
class CallContextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_A = "tempo_account_a_secret";
    private static final String KEY_B = "tempo_account_b_secret";

    private FakeHttpServer upstream;
    private HttpHost server;
    private McpStatelessSyncServer mcp;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
        ToolSet tools = RunningServer.tools(JSON);
        StructuredLog log = new StructuredLog(new PrintStream(logs, true, StandardCharsets.UTF_8), JSON);
        ToolExecutor executor = RunningServer.executor(JSON, tools, log);
        Account a = new Account("a", "Account A", upstream.baseUrl(), KEY_A);
        Account b = new Account("b", "Account B", upstream.baseUrl(), KEY_B);
        ToolScope readOnly = tool -> tool.access() == Access.READ;
        // "x-test-caller: b" calls as account B with read tools only; anyone else is A with every tool.
        CallerResolver callers = (token, headers) -> new CallerResolution.Caller(
                List.of("b").equals(headers.getHeader("x-test-caller"))
                        ? CallContext.of(b, readOnly)
                        : CallContext.of(a, ToolScope.ALL));
        McpToolSurface surface = new McpToolSurface(tools, executor, JSON);
        JacksonMcpJsonMapper answers = new JacksonMcpJsonMapper(JSON);
        McpEndpoint endpoint = new McpEndpoint(
                "/mcp",
                answers,
                new RequestOriginPolicy(List.of(), List.of(), Optional.empty()).validator(),
                callers,
                surface::refusal,
                RequestLimits.defaults(),
                log,
                CallObserver.NONE,
                () -> {});
        mcp = surface.statelessServer(endpoint, "test", answers);
        server = HttpHost.on("127.0.0.1", 0, "test")
                .log(log)
                .route("/mcp/*", endpoint)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        mcp.close();
        upstream.close();
    }

    private McpSyncClient client(String caller) {
        McpSyncClient client = McpClient.sync(
                        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                                .endpoint("/mcp")
                                .requestBuilder(HttpRequest.newBuilder().header("x-test-caller", caller))
                                .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }

    @Test
    void eachCallerSendsItsOwnAccountsKey() {
        McpSyncClient a = client("a");
        McpSyncClient b = client("b");
        try {
            call(a, "list_all_tempo_bookings");
            call(b, "list_all_tempo_bookings");
        } finally {
            a.closeGracefully();
            b.closeGracefully();
        }
        List<RecordedRequest> sent = upstream.requests();
        assertEquals(2, sent.size(), sent::toString);
        assertEquals("Bearer " + KEY_A, sent.get(0).header("authorization"));
        assertEquals("Bearer " + KEY_B, sent.get(1).header("authorization"));
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("\"account\":\"a\"") && log.contains("\"account\":\"b\""), log);
        assertFalse(log.contains(KEY_A) || log.contains(KEY_B), "no key in the log");
    }

    @Test
    void aToolOutsideTheScopeIsNeitherListedNorCallableAndNothingIsSent() {
        McpSyncClient b = client("b");
        McpSyncClient a = client("a");
        try {
            List<McpSchema.Tool> seenByB = b.listTools().tools();
            List<McpSchema.Tool> seenByA = a.listTools().tools();
            assertTrue(seenByB.size() < seenByA.size(), seenByB.size() + " of " + seenByA.size());
            assertTrue(seenByB.stream()
                    .allMatch(t -> Boolean.TRUE.equals(t.annotations().readOnlyHint())));
            assertTrue(seenByB.stream().noneMatch(t -> t.name().equals("create_a_tempo_booking")));

            McpError refused = assertThrows(
                    McpError.class,
                    () -> b.callTool(McpSchema.CallToolRequest.builder("create_a_tempo_booking")
                            .arguments(Map.of())
                            .build()));
            McpError unknown = assertThrows(
                    McpError.class,
                    () -> b.callTool(McpSchema.CallToolRequest.builder("no_such_tool")
                            .arguments(Map.of())
                            .build()));
            assertEquals(
                    unknown.getJsonRpcError().code(), refused.getJsonRpcError().code());
            // The same words, but for the name each one called.
            assertEquals(
                    unknown.getJsonRpcError().message().replace("no_such_tool", "<name>"),
                    refused.getJsonRpcError().message().replace("create_a_tempo_booking", "<name>"));
            assertTrue(refused.getJsonRpcError().message().startsWith("Unknown tool: create_a_tempo_booking."));
        } finally {
            a.closeGracefully();
            b.closeGracefully();
        }
        assertEquals(List.of(), upstream.requests(), "a refused call sends nothing upstream");
    }

    private static void call(McpSyncClient client, String tool) {
        McpSchema.CallToolResult result = client.callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(Map.of()).build());
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> String.valueOf(result.content()));
    }
}

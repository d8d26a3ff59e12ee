package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.Results;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * stdio as a desktop client uses it: the SDK client launches {@code java -jar
 * calcom-mcp-server.jar stdio}, initializes, lists tools and calls one. stdout carries only
 * protocol messages (or the client could not parse them); logs arrive on stderr as JSON lines.
 */
class StdioJarIT {

    @Test
    void initializeListToolsAndCallOne() throws Exception {
        try (FakeHttpServer upstream = new FakeHttpServer(
                request -> Reply.json(200, "{\"status\":\"success\",\"data\":[{\"uid\":\"b1\"}]}"))) {
            ServerParameters parameters = ServerParameters.builder(ServerJarIT.java())
                    .args("-jar", ServerJarIT.jar().toString(), "stdio")
                    .env(Map.of(
                            "CALCOM_API_KEY",
                            "cal_test_stdio_secret",
                            "CALCOM_API_BASE_URL",
                            upstream.baseUrl().toString()))
                    .build();
            StdioClientTransport transport =
                    new StdioClientTransport(parameters, new JacksonMcpJsonMapper(new ObjectMapper()));
            List<String> stderr = new CopyOnWriteArrayList<>();
            transport.setStdErrorHandler(stderr::add);
            McpSyncClient client = McpClient.sync(transport)
                    .requestTimeout(Duration.ofSeconds(20))
                    .build();
            try {
                McpSchema.InitializeResult init = client.initialize();
                assertEquals("calcom-mcp", init.serverInfo().name());
                assertTrue(init.instructions().contains("explicit UTC offset"), init.instructions());

                assertEquals(
                        ServerAssembly.loadCatalog().tools().size() + 3,
                        client.listTools().tools().size(),
                        "every tool, and the server's schema, search and fetch tools");

                McpSchema.CallToolResult result =
                        client.callTool(McpSchema.CallToolRequest.builder("list_all_calcom_bookings")
                                .arguments(Map.of("limit", 1))
                                .build());
                assertFalse(result.isError(), () -> Results.text(result));
                assertEquals("b1", Results.at(result, "data", 0, "uid"));
                RecordedRequest sent = upstream.requests().get(0);
                assertEquals("/v2/bookings", sent.path());
                assertEquals("Bearer cal_test_stdio_secret", sent.header("authorization"));
            } finally {
                client.closeGracefully();
            }
            assertTrue(stderr.stream().anyMatch(l -> l.contains("\"event\":\"tool_call\"")), () -> "stderr: " + stderr);
            assertTrue(stderr.stream().noneMatch(l -> l.contains("cal_test_stdio_secret")), "the key is never logged");
        }
    }
}

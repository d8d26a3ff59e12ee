package io.calcommcp.server.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.ToolScope;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.testing.RunningServer;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ToolExposure;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tools/list answer the HTTP transport writes is, for every kind of caller, the answer the SDK
 * writes over stdio for that caller: same tools, same order, same fields, same values.
 */
class ToolListAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolSet tools = RunningServer.tools(JSON);
    private final McpToolSurface surface = new McpToolSurface(
            tools,
            RunningServer.executor(
                    JSON, tools, new StructuredLog(new PrintStream(OutputStream.nullOutputStream()), JSON)),
            JSON);
    private final Account account = new Account("a", "Account A", java.net.URI.create("http://127.0.0.1:9"), "cal_key");

    @Test
    void everyCallerIsListedWhatTheSdkWouldList() throws Exception {
        ToolScope readOnly = tool -> tool.access() == Access.READ;
        ToolScope bookings = tool -> tool.tags().contains("bookings");
        Map<String, CallContext> callers = Map.of(
                "every tool", CallContext.of(account, ToolScope.ALL),
                "read only", CallContext.of(account, readOnly),
                "bookings", CallContext.of(account, bookings),
                "nothing", CallContext.of(account, tool -> false),
                "discovery", CallContext.of(account, ToolScope.ALL, ToolExposure.DISCOVERY),
                "discovery, read only", CallContext.of(account, readOnly, ToolExposure.DISCOVERY));
        for (Map.Entry<String, CallContext> caller : callers.entrySet()) {
            // Twice: the second answer is made of the entries the first one wrote.
            for (int round = 0; round < 2; round++) {
                JsonNode ours = JSON.readTree(surface.toolListAnswer("7", caller.getValue()));
                assertEquals(sdkAnswer(7, caller.getValue()), ours, caller.getKey());
            }
        }
        JsonNode all = JSON.readTree(surface.toolListAnswer("7", callers.get("every tool")));
        assertEquals(tools.tools().size() + 1, all.at("/result/tools").size(), "every tool and the schema tool");
        assertEquals(
                3,
                JSON.readTree(surface.toolListAnswer("7", callers.get("discovery")))
                        .at("/result/tools")
                        .size());
        int readOnlyCount = JSON.readTree(surface.toolListAnswer("7", callers.get("read only")))
                .at("/result/tools")
                .size();
        assertTrue(readOnlyCount > 1 && readOnlyCount < tools.tools().size(), "read only: " + readOnlyCount);
    }

    @Test
    void aStringIdIsAnsweredWithTheSameString() throws Exception {
        JsonNode answer =
                JSON.readTree(surface.toolListAnswer("\"list \\\"1\\\"\"", CallContext.of(account, ToolScope.ALL)));
        assertEquals("list \"1\"", answer.get("id").asText());
        assertEquals("2.0", answer.get("jsonrpc").asText());
    }

    /** What the SDK answers: the session server's tools for that caller, serialized by Jackson. */
    private JsonNode sdkAnswer(int id, CallContext caller) {
        List<McpSchema.Tool> listed = surface.sessionSpecifications(() -> caller).stream()
                .map(McpServerFeatures.SyncToolSpecification::tool)
                .toList();
        return JSON.valueToTree(new McpSchema.JSONRPCResponse(
                McpSchema.JSONRPC_VERSION, id, new McpSchema.ListToolsResult(listed, null, null), null));
    }
}

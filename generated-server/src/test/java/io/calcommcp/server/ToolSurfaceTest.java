package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.tools.Route;
import io.calcommcp.server.tools.ToolAccess;
import io.calcommcp.server.tools.ToolDefinition;
import io.calcommcp.server.tools.ToolHints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tool whose input schema cannot be used stops the server from starting, naming the tool. */
class ToolSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ToolDefinition tool(String name, String inputSchema) {
        return new ToolDefinition(
                name,
                "T",
                "d",
                "op",
                ToolAccess.READ,
                List.of(),
                new ToolHints(true, false, true, true),
                inputSchema,
                new Route("GET", "/x", Map.of(), List.of()));
    }

    @Test
    void aValidSchemaIsCompiledOnce_atConstruction() {
        ToolSurface surface = ToolSurface.of(
                List.of(tool("fine_tool", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}")), JSON);
        assertEquals(1, surface.tools().size());
        assertEquals(
                1,
                surface.tools()
                        .get(0)
                        .compiledSchema()
                        .validate(JSON.valueToTree(Map.of("a", 1)))
                        .size());
    }

    @Test
    void anInvalidSchemaFailsConstruction_withAMessageNamingTheTool() {
        Map<String, String> broken = Map.of(
                "a bound that is not a number", "{\"type\":\"object\",\"properties\":{\"n\":{\"minimum\":\"one\"}}}",
                "an unresolvable $ref", "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/missing\"}}}",
                "a pattern that is not a regular expression", "{\"type\":\"string\",\"pattern\":\"[\"}",
                "not JSON", "{\"type\":",
                "not an object", "[]");
        broken.forEach((what, schema) -> {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> ToolSurface.of(List.of(tool("fine_tool", "{}"), tool("broken_tool", schema)), JSON),
                    what);
            assertTrue(
                    e.getMessage().startsWith("The input schema of tool broken_tool "), what + ": " + e.getMessage());
        });
    }
}

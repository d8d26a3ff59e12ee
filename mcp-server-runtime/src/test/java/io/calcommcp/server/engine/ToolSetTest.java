package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tool whose input schema cannot be used fails {@link ToolSet#compileAll}, naming the tool. */
class ToolSetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ToolDefinition tool(String name, String inputSchema) {
        return ToolDefinition.builder(name)
                .title("T")
                .description("d")
                .operation("op")
                .verb("get")
                .access(Access.READ)
                .inputSchema(inputSchema)
                .route(Route.get("/x"))
                .build();
    }

    private static ToolCatalog catalog(ToolDefinition... tools) {
        return new ToolCatalog() {
            @Override
            public VendorProfile profile() {
                return VendorProfile.builder("Test")
                        .serverName("test-mcp")
                        .environmentPrefix("TEST")
                        .defaultBaseUrl("https://api.example.com")
                        .build();
            }

            @Override
            public List<ToolDefinition> tools() {
                return List.of(tools);
            }
        };
    }

    @Test
    void aValidSchemaIsCompiledOnce_onFirstUse() {
        ToolSet set = ToolSet.prepare(
                catalog(tool("fine_tool", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}")), JSON);
        assertEquals(1, set.tools().size());
        assertEquals(
                1,
                set.find("fine_tool")
                        .orElseThrow()
                        .compiledSchema()
                        .validate(JSON.valueToTree(Map.of("a", 1)))
                        .size());
    }

    @Test
    void anInvalidSchemaFailsCompileAll_withAMessageNamingTheTool() {
        Map<String, String> broken = Map.of(
                "a bound that is not a number", "{\"type\":\"object\",\"properties\":{\"n\":{\"minimum\":\"one\"}}}",
                "an unresolvable $ref", "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/missing\"}}}",
                "a pattern that is not a regular expression", "{\"type\":\"string\",\"pattern\":\"[\"}",
                "not JSON", "{\"type\":",
                "not an object", "[]");
        broken.forEach((what, schema) -> {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> ToolSet.prepare(catalog(tool("fine_tool", "{}"), tool("broken_tool", schema)), JSON)
                            .compileAll(),
                    what);
            assertTrue(
                    e.getMessage().startsWith("The input schema of tool broken_tool "), what + ": " + e.getMessage());
        });
    }

    @Test
    void twoToolsWithOneNameAreRefused() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ToolSet.prepare(catalog(tool("same", "{}"), tool("same", "{}")), JSON));
        assertTrue(e.getMessage().contains("same"), e.getMessage());
    }
}

package io.calcommcp.toolapi;

import static io.calcommcp.toolapi.Hint.DESTRUCTIVE;
import static io.calcommcp.toolapi.Hint.OPEN_WORLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolDefinitionTest {

    @Test
    void hintsThatAreNotNamedAreFalse() {
        ToolHints hints = ToolHints.of(DESTRUCTIVE, OPEN_WORLD);
        assertEquals(new ToolHints(false, true, false, true), hints);
        assertEquals(EnumSet.of(DESTRUCTIVE, OPEN_WORLD), hints.set());
        assertEquals(new ToolHints(false, false, false, false), ToolHints.of());
        assertEquals("readOnlyHint", Hint.READ_ONLY.mcpName());
    }

    @Test
    void theBuilderNamesEveryPartAndRefusesAMissingOne() {
        ToolDefinition tool = ToolDefinition.builder("list_all_x_items")
                .title("List items")
                .description("Lists items.")
                .operation("ItemsController_list")
                .verb("list")
                .access(Access.READ)
                .tags("items", "x")
                .hints(Hint.READ_ONLY, Hint.IDEMPOTENT)
                .inputSchema("{}")
                .route(Route.get("/items"))
                .build();
        assertEquals(List.of("items", "x"), tool.tags());
        assertEquals(new ToolHints(true, false, true, false), tool.hints());
        assertEquals("read", tool.access().label());
        assertThrows(
                NullPointerException.class,
                () -> ToolDefinition.builder("t").title("T").build(),
                "a definition without description, operation, access, schema and route");
    }

    @Test
    void credentialsAreSentAsTheSchemeSays() {
        assertEquals("Bearer k", CredentialScheme.bearer().value("k"));
        assertEquals("Authorization", CredentialScheme.bearer().header());
        assertEquals("k", CredentialScheme.header("X-API-Key").value("k"));
        assertThrows(IllegalArgumentException.class, () -> CredentialScheme.header(" "));
    }

    @Test
    void profilesNameTheirVariablesWithTheirPrefix() {
        VendorProfile profile = VendorProfile.builder("Example")
                .serverName("example-mcp")
                .environmentPrefix("EXAMPLE")
                .defaultBaseUrl("https://api.example.com")
                .build();
        assertEquals("EXAMPLE_API_KEY", profile.environmentVariable("API_KEY"));
        assertEquals(CredentialScheme.bearer(), profile.credential(), "bearer unless the rules say otherwise");
    }

    @Test
    void valueKindsHaveTheRulesSpelling() {
        assertEquals("date-or-timestamp", ValueKind.DATE_OR_TIMESTAMP.ruleName());
        assertEquals(ValueKind.TIMESTAMP, ValueKind.fromRuleName("timestamp").orElseThrow());
        assertEquals(java.util.Optional.empty(), ValueKind.fromRuleName("datetime"));
    }
}

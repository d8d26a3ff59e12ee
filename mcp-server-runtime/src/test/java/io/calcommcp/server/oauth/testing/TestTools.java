package io.calcommcp.server.oauth.testing;

import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;

/** A small tool surface and vendor profile of our own, for the OAuth tests. */
public final class TestTools {

    private TestTools() {}

    /** Two tags ({@code things}, {@code widgets}); reading and writing tools for things, reading for widgets. */
    public static List<ToolDefinition> all() {
        return List.of(
                tool("list_things", "list", Access.READ, "things"),
                tool("get_thing", "get", Access.READ, "things"),
                tool("create_thing", "create", Access.WRITE, "things"),
                tool("delete_thing", "delete", Access.WRITE, "things"),
                tool("list_widgets", "list", Access.READ, "widgets"));
    }

    public static VendorProfile vendor() {
        return VendorProfile.builder("Fake API")
                .toolWord("fake")
                .serverName("fake-mcp")
                .environmentPrefix("FAKE")
                .defaultBaseUrl("http://127.0.0.1:9")
                .credentialHelp("Create a key in the Fake API's settings, under API keys.")
                .build();
    }

    private static ToolDefinition tool(String name, String verb, Access access, String tag) {
        return ToolDefinition.builder(name)
                .title(name)
                .description(name)
                .operation(name)
                .verb(verb)
                .access(access)
                .tags(tag)
                .inputSchema("{\"type\":\"object\"}")
                .route(Route.get("/" + tag))
                .build();
    }
}

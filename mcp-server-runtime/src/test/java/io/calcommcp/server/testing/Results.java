package io.calcommcp.server.testing;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** Reading tool results in assertions. */
public final class Results {

    private Results() {}

    /** The text of the first content block. */
    public static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /** The structured content as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    /** Follows a path of map keys and list indices through structured content. */
    public static Object at(McpSchema.CallToolResult result, Object... path) {
        Object node = result.structuredContent();
        for (Object step : path) {
            if (step instanceof Integer index) {
                node = ((List<?>) node).get(index);
            } else {
                node = ((Map<?, ?>) node).get(step);
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}

package io.calcommcp.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.execution.CatalogTool;
import io.calcommcp.server.tools.ToolDefinition;
import java.util.List;
import java.util.Locale;

/** The {@code tools} command's output: the tool surface as JSON (for CI diffs and scripts) or as a table. */
public final class ToolListing {

    private ToolListing() {}

    /**
     * One JSON object per tool, in catalog order: name, title, description, operationId, method,
     * path, access, tags, annotations and the parsed input schema.
     */
    public static String json(List<CatalogTool> tools, ObjectMapper json) {
        ArrayNode array = json.createArrayNode();
        for (CatalogTool tool : tools) {
            ToolDefinition d = tool.definition();
            ObjectNode o = array.addObject();
            o.put("name", d.name());
            o.put("title", d.title());
            o.put("description", d.description());
            o.put("operationId", d.operationId());
            o.put("method", d.route().method());
            o.put("path", d.route().pathTemplate());
            o.put("access", d.access().name().toLowerCase(Locale.ROOT));
            ArrayNode tags = o.putArray("tags");
            d.tags().forEach(tags::add);
            o.putObject("annotations")
                    .put("readOnlyHint", d.hints().readOnly())
                    .put("destructiveHint", d.hints().destructive())
                    .put("idempotentHint", d.hints().idempotent())
                    .put("openWorldHint", d.hints().openWorld());
            o.set("inputSchema", tool.inputSchema());
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The tool listing could not be written", e);
        }
    }

    /** One line per tool: name, access, method and path. */
    public static String table(List<CatalogTool> tools) {
        int width = tools.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (CatalogTool tool : tools) {
            ToolDefinition d = tool.definition();
            out.append(String.format(
                    Locale.ROOT,
                    "%-" + width + "s  %-5s  %-6s %s%n",
                    d.name(),
                    d.access().name().toLowerCase(Locale.ROOT),
                    d.route().method(),
                    d.route().pathTemplate()));
        }
        out.append(tools.size()).append(" tools\n");
        return out.toString();
    }
}

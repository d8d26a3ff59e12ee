package io.calcommcp.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.toolapi.ToolDefinition;
import java.util.List;
import java.util.Locale;

/** The {@code tools} command's output: the tool surface as JSON (for CI diffs and scripts) or as a table. */
public final class ToolListing {

    private ToolListing() {}

    /**
     * One JSON object per tool, in catalog order: name, title, description, operationId, method,
     * path, access, verb (what a URL's {@code methods} filter matches), tags, annotations, the
     * parsed input schema, and {@code advertised}: the description and schema {@code tools/list}
     * shows and their cost in o200k tokens.
     */
    public static String json(List<PreparedTool> tools, ObjectMapper json) {
        ArrayNode array = json.createArrayNode();
        for (PreparedTool tool : tools) {
            ToolDefinition d = tool.definition();
            ObjectNode o = array.addObject();
            o.put("name", d.name());
            o.put("title", d.title());
            o.put("description", d.description());
            o.put("operationId", d.operationId());
            o.put("method", d.route().method());
            o.put("path", d.route().pathTemplate());
            o.put("access", d.access().label());
            o.put("verb", d.verb());
            ArrayNode tags = o.putArray("tags");
            d.tags().forEach(tags::add);
            o.putObject("annotations")
                    .put("readOnlyHint", d.hints().readOnly())
                    .put("destructiveHint", d.hints().destructive())
                    .put("idempotentHint", d.hints().idempotent())
                    .put("openWorldHint", d.hints().openWorld());
            o.set("inputSchema", tool.inputSchema());
            ObjectNode advertised = o.putObject("advertised");
            advertised.put("description", d.advertised().description());
            advertised.set("inputSchema", tool.advertisedSchema());
            advertised.put("tokens", d.advertised().tokens());
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The tool listing could not be written", e);
        }
    }

    /** One line per tool: name, access, verb, method and path. */
    public static String table(List<PreparedTool> tools) {
        int width = tools.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        int verbWidth = tools.stream()
                .mapToInt(t -> t.definition().verb().length())
                .max()
                .orElse(0);
        StringBuilder out = new StringBuilder();
        for (PreparedTool tool : tools) {
            ToolDefinition d = tool.definition();
            out.append(String.format(
                    Locale.ROOT,
                    "%-" + width + "s  %-5s  %-" + verbWidth + "s  %-6s %s%n",
                    d.name(),
                    d.access().label(),
                    d.verb(),
                    d.route().method(),
                    d.route().pathTemplate()));
        }
        out.append(tools.size()).append(" tools\n");
        return out.toString();
    }
}

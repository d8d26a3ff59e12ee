package io.calcommcp.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.execution.CatalogTool;
import io.calcommcp.server.execution.ToolExecutor;
import io.calcommcp.server.tools.ToolCatalog;
import io.calcommcp.server.tools.ToolDefinition;
import io.calcommcp.server.tools.ToolHints;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What every transport serves: the generated tools as MCP tools, the server's name and version,
 * and the instructions for the model. Built once at start-up.
 */
public final class ToolSurface {

    /** The name clients see in {@code serverInfo}. */
    public static final String SERVER_NAME = "calcom-mcp";

    private final List<CatalogTool> tools;
    private final List<McpSchema.Tool> mcpTools;
    private final String instructions;

    private ToolSurface(List<CatalogTool> tools, List<McpSchema.Tool> mcpTools, String instructions) {
        this.tools = tools;
        this.mcpTools = mcpTools;
        this.instructions = instructions;
    }

    /** Loads the generated catalog and the instructions. */
    public static ToolSurface load(ObjectMapper json) {
        return of(ToolCatalog.all(), json);
    }

    /** Builds the surface for the given definitions. */
    public static ToolSurface of(List<ToolDefinition> definitions, ObjectMapper json) {
        List<CatalogTool> tools =
                definitions.stream().map(d -> CatalogTool.of(d, json)).toList();
        List<McpSchema.Tool> mcpTools =
                tools.stream().map(t -> toMcpTool(t, json)).toList();
        return new ToolSurface(tools, mcpTools, readInstructions());
    }

    /** The tools, in catalog order (sorted by name). */
    public List<CatalogTool> tools() {
        return tools;
    }

    /** The instructions sent to the model in the {@code initialize} result. */
    public String instructions() {
        return instructions;
    }

    /** The server version, from the jar manifest ("dev" when run from classes). */
    public static String version() {
        String version = ToolSurface.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Tool specifications for the stateless (HTTP) server. */
    public List<McpStatelessServerFeatures.SyncToolSpecification> statelessSpecifications(ToolExecutor executor) {
        return indices().stream()
                .map(i -> new McpStatelessServerFeatures.SyncToolSpecification(
                        mcpTools.get(i), (context, request) -> executor.call(tools.get(i), request.arguments())))
                .toList();
    }

    /** Tool specifications for the session (stdio) server. */
    public List<McpServerFeatures.SyncToolSpecification> sessionSpecifications(ToolExecutor executor) {
        return indices().stream()
                .map(i -> new McpServerFeatures.SyncToolSpecification(
                        mcpTools.get(i), (exchange, request) -> executor.call(tools.get(i), request.arguments())))
                .toList();
    }

    private List<Integer> indices() {
        return IntStream.range(0, tools.size()).boxed().toList();
    }

    private static McpSchema.Tool toMcpTool(CatalogTool tool, ObjectMapper json) {
        ToolDefinition d = tool.definition();
        ToolHints h = d.hints();
        Map<String, Object> schema = json.convertValue(tool.inputSchema(), new TypeReference<Map<String, Object>>() {});
        return McpSchema.Tool.builder(d.name(), schema)
                .title(d.title())
                .description(d.description())
                .annotations(new McpSchema.ToolAnnotations(
                        d.title(), h.readOnly(), h.destructive(), h.idempotent(), h.openWorld(), null))
                .build();
    }

    private static String readInstructions() {
        try (InputStream in = ToolSurface.class.getResourceAsStream("instructions.md")) {
            if (in == null) {
                throw new IllegalStateException("instructions.md is missing from the server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.calcommcp.server.tools;

import java.util.List;
import java.util.Objects;

/**
 * One MCP tool: what the model sees (name, title, description, input schema, hints) and the
 * Cal.com request it sends (the route).
 *
 * @param name the MCP tool name, snake_case, at most 64 characters
 * @param title a short human-readable title
 * @param description what the tool does, written for a model
 * @param operationId the OpenAPI operation this tool calls
 * @param access whether the tool only reads or also writes
 * @param tags resource tags, used to filter tools per server URL
 * @param hints the MCP tool annotations
 * @param inputSchema the JSON Schema (2020-12) of the tool's flat arguments, as JSON text
 * @param route how the arguments become an HTTP request
 */
public record ToolDefinition(
        String name,
        String title,
        String description,
        String operationId,
        ToolAccess access,
        List<String> tags,
        ToolHints hints,
        String inputSchema,
        Route route) {

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(access, "access");
        tags = List.copyOf(tags);
        Objects.requireNonNull(hints, "hints");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(route, "route");
    }
}

package io.calcommcp.server.store;

import io.calcommcp.toolapi.ToolExposure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one MCP server URL allows: which tools (by method and tag, combined with AND), whether the
 * caller must also present an API token, and how the tools are presented.
 *
 * @param methods {@code read}, {@code write} or exact verbs such as {@code list} and {@code cancel};
 *     empty means every method
 * @param tags resource tags such as {@code bookings}; empty means every tag
 * @param requireApiTokenAuth whether a request must carry {@code Authorization: Bearer <api token>}
 * @param toolExposure how the allowed tools are presented
 */
public record McpServerConfig(
        Optional<List<String>> methods,
        Optional<List<String>> tags,
        boolean requireApiTokenAuth,
        ToolExposure toolExposure) {

    public McpServerConfig {
        methods = methods.map(List::copyOf);
        tags = tags.map(List::copyOf);
        Objects.requireNonNull(toolExposure, "toolExposure");
    }

    /** Every tool, no API token, listed as they are. */
    public static McpServerConfig allTools() {
        return new McpServerConfig(Optional.empty(), Optional.empty(), false, ToolExposure.ALL);
    }
}

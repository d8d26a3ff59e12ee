package io.calcommcp.server.store;

import io.calcommcp.toolapi.ToolExposure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one MCP server URL allows: which tools (by method and tag, combined with AND), whether the
 * caller must also present an API token, and how the tools are presented.
 *
 * @param methods {@code read}, {@code write} or exact verbs such as {@code list} and {@code cancel};
 *     empty means every method
 * @param tags resource tags such as {@code bookings}; empty means every tag
 * @param requireApiTokenAuth whether a request must carry {@code Authorization: Bearer <api token>}
 * @param toolExposure how the allowed tools are presented
 * @param maxCallsPerMinute the URL's own limit on tool calls a minute, {@link #NO_CALL_LIMIT} for
 *     none; empty for the server's default
 */
public record McpServerConfig(
        Optional<List<String>> methods,
        Optional<List<String>> tags,
        boolean requireApiTokenAuth,
        ToolExposure toolExposure,
        OptionalInt maxCallsPerMinute) {

    /** The value of {@link #maxCallsPerMinute} for a URL without a limit. */
    public static final int NO_CALL_LIMIT = 0;

    public McpServerConfig {
        methods = methods.map(List::copyOf);
        tags = tags.map(List::copyOf);
        Objects.requireNonNull(toolExposure, "toolExposure");
        Objects.requireNonNull(maxCallsPerMinute, "maxCallsPerMinute");
        if (maxCallsPerMinute.isPresent() && maxCallsPerMinute.getAsInt() < 0) {
            throw new IllegalArgumentException("maxCallsPerMinute must be 0 (no limit) or more");
        }
    }

    /** The limit calls through this URL get, given the server's default (0 for none). */
    public int callsPerMinute(int serverDefault) {
        return maxCallsPerMinute.orElse(serverDefault);
    }

    /** Every tool, no API token, listed as they are. */
    public static McpServerConfig allTools() {
        return new McpServerConfig(Optional.empty(), Optional.empty(), false, ToolExposure.ALL, OptionalInt.empty());
    }
}

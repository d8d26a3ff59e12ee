package io.calcommcp.server.admin;

import java.util.List;
import java.util.OptionalInt;

/**
 * A request to create or change an MCP server URL.
 *
 * @param name a name for people; required when creating
 * @param methods {@code read}, {@code write} or verbs; cleared means every method
 * @param tags resource tags; cleared means every tag
 * @param requireApiTokenAuth whether requests must also carry an API token
 * @param toolExposure {@code all} or {@code discovery}
 * @param maxCallsPerMinute a limit of 1 or more, empty for the server's default; cleared means no
 *     limit
 * @param expiresAt ISO 8601 with an offset, at least a minute ahead; cleared means never
 */
public record McpServerChanges(
        Change<String> name,
        Change<List<String>> methods,
        Change<List<String>> tags,
        Change<Boolean> requireApiTokenAuth,
        Change<String> toolExposure,
        Change<OptionalInt> maxCallsPerMinute,
        Change<String> expiresAt) {}

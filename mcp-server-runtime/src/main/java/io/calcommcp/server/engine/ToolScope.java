package io.calcommcp.server.engine;

import io.calcommcp.toolapi.ToolDefinition;

/**
 * Which tools one caller may see and call. A tool outside the scope is neither listed nor callable:
 * to the caller it does not exist.
 */
@FunctionalInterface
public interface ToolScope {

    /** Every tool. */
    ToolScope ALL = tool -> true;

    /** Whether the caller may see and call {@code tool}. */
    boolean allows(ToolDefinition tool);
}

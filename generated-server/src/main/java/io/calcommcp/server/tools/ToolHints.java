package io.calcommcp.server.tools;

/**
 * The MCP tool annotations, always explicit: clients such as ChatGPT ask the user to confirm
 * any tool that is not marked read-only.
 *
 * @param readOnly the tool does not modify its environment
 * @param destructive the tool may delete or overwrite data
 * @param idempotent calling it again with the same arguments has no further effect
 * @param openWorld the tool talks to an external system
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {}

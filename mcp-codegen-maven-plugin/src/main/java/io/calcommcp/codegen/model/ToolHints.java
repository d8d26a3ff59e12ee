package io.calcommcp.codegen.model;

/** The MCP tool annotations of one tool, always explicit. */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {}

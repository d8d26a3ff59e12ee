/**
 * The engine as MCP sees it: the prepared tools as MCP tools (name, title, description, schema,
 * annotations), visible and callable only inside the caller's scope, and engine results as MCP
 * call results. Transports put each request's {@link io.calcommcp.server.engine.CallContext} into
 * the SDK's per-call transport context under {@link io.calcommcp.server.mcp.McpToolSurface#CONTEXT_KEY}.
 */
package io.calcommcp.server.mcp;

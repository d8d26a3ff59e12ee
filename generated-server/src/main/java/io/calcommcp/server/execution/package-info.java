/**
 * Executing one tool call: check the arguments against the tool's schema and value kinds, turn
 * them into the upstream request its route describes, send it, and turn the answer (or the
 * failure) into an MCP tool result. Nothing here knows Cal.com; it all comes from the generated
 * {@link io.calcommcp.server.tools.ToolDefinition}s.
 */
package io.calcommcp.server.execution;

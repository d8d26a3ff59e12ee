/**
 * The hand-written runtime of the Cal.com MCP server: configuration, the tool surface built from
 * the generated {@link io.calcommcp.server.tools.ToolCatalog}, the stdio transport and the
 * command line entry point. Transports and execution live in sub-packages.
 */
package io.calcommcp.server;

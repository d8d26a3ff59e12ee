/**
 * The server's entry point and composition root: {@link io.calcommcp.server.Main} reads the command
 * line; {@link io.calcommcp.server.ServerAssembly} builds the one object graph (the generated catalog
 * found through the service loader, the engine, the MCP surface) that both transports serve. The
 * engine, upstream, MCP, HTTP and stdio parts live in sub-packages; the generated tools in {@code
 * io.calcommcp.server.tools}, which nothing here imports.
 */
package io.calcommcp.server;

/** Streamable HTTP: the embedded servlet container and the MCP endpoint at {@code /mcp}. */
package io.calcommcp.server.http;

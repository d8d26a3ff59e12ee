/**
 * HTTP: the embedded servlet container ({@link io.calcommcp.server.http.HttpServerHost}) and the
 * services it hosts, each registering its own routes: MCP over stateless Streamable HTTP ({@link
 * io.calcommcp.server.http.McpHttpService}) and health checks ({@link
 * io.calcommcp.server.http.HealthService}).
 */
package io.calcommcp.server.http;

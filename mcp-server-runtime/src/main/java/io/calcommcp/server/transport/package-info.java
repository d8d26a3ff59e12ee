/**
 * MCP over stateless Streamable HTTP, apart from HTTP hosting: {@link
 * io.calcommcp.server.transport.McpEndpoint} is the SDK's stateless server transport on a Jetty
 * handler. It checks each request (Host and Origin, method, content type, size, one JSON-RPC
 * message, the {@code MCP-Protocol-Version} header, the tool a call names), asks a {@link
 * io.calcommcp.server.transport.CallerResolver} who is calling, and hands the message with the
 * caller in its transport context to the SDK, whose answer it writes as the SDK serializes it.
 */
package io.calcommcp.server.transport;

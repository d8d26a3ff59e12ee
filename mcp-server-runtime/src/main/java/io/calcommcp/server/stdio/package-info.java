/** MCP over stdin/stdout, for clients that launch the server as a child process. */
package io.calcommcp.server.stdio;

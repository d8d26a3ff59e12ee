/**
 * Sending one HTTP request to the Cal.com API and reading its answer: no MCP, no Cal.com
 * knowledge, only transport concerns (base URL, credentials, timeouts).
 */
package io.calcommcp.server.upstream;

/**
 * Sending one HTTP request to the API and reading its answer: only transport concerns (base URL,
 * credentials, timeouts). The request, the base URL and the credentials come with each call;
 * nothing here knows MCP or a vendor.
 */
package io.calcommcp.server.upstream;

/**
 * Sending one HTTP request to the API and reading its answer, through Apache HttpClient 5: only
 * transport concerns (base URL, credentials, proxies, one deadline per call, the answer's size,
 * connections that are never reused after an answer framed wrongly). The request, the base URL and
 * the credentials come with each call; nothing here knows MCP or a vendor.
 */
package io.calcommcp.server.upstream;

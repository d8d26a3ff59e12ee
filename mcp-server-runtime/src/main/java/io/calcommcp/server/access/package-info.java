/**
 * Who may use which tools through a scoped URL: {@link io.calcommcp.server.access.ToolFilter} (a
 * URL's methods and tags) and {@link io.calcommcp.server.access.ScopedUrls}, which turns the token
 * of {@code /mcp/<token>} (and, where the URL demands one, an API token) into the caller's account
 * and scope, or into a refusal that does not say which check failed.
 */
package io.calcommcp.server.access;

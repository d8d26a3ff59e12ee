/**
 * The server's {@code search} and {@code fetch} tools, the two that ChatGPT's deep research and
 * company knowledge use: {@link io.calcommcp.server.research.ResearchTools} finds records by words
 * and reads one by id, over the sources the generated {@link io.calcommcp.toolapi.SearchProfile}
 * names. Every request to the API is a call of a catalog read tool through the engine, with the
 * caller's context, so the caller's account, scope, limits, errors and logs are exactly those of a
 * direct call. Nothing here names a vendor.
 */
package io.calcommcp.server.research;

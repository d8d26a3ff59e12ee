package io.calcommcp.server.transport;

import io.modelcontextprotocol.server.transport.HeaderAccessor;

/**
 * Decides who an MCP request is from, from its URL and headers: today a single key at {@code /mcp}
 * and scoped URLs at {@code /mcp/<token>}; an OAuth bearer token is one more implementation.
 */
@FunctionalInterface
public interface CallerResolver {

    /**
     * @param pathToken what follows {@code /mcp/} in the path ({@code /mcp/<token>}), or the empty
     *     string for {@code /mcp} itself
     * @param headers the request's headers, by case-insensitive name
     */
    CallerResolution resolve(String pathToken, HeaderAccessor headers);
}

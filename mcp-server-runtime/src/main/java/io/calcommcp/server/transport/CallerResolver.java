package io.calcommcp.server.transport;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import java.util.Optional;

/**
 * Decides who an MCP request is from, from its URL and headers: a single key or an OAuth bearer
 * token at {@code /mcp}, and scoped URLs at {@code /mcp/<token>}.
 */
@FunctionalInterface
public interface CallerResolver {

    /**
     * @param pathToken what follows {@code /mcp/} in the path ({@code /mcp/<token>}), or the empty
     *     string for {@code /mcp} itself
     * @param headers the request's headers, by case-insensitive name
     */
    CallerResolution resolve(String pathToken, HeaderAccessor headers);

    /**
     * {@link #resolve(String, HeaderAccessor)} for a request that may also carry a query string,
     * which a resolver that must refuse credentials there (an OAuth token) reads; the others ignore
     * it.
     *
     * @param rawQuery the query string as sent, still percent-encoded; empty if there is none
     */
    default CallerResolution resolve(String pathToken, HeaderAccessor headers, Optional<String> rawQuery) {
        return resolve(pathToken, headers);
    }
}

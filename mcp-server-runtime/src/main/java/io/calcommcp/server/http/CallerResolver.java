package io.calcommcp.server.http;

/** Decides who an MCP request is from, from its URL and headers. */
@FunctionalInterface
public interface CallerResolver {

    /**
     * @param pathToken what follows {@code /mcp/} in the path ({@code /mcp/<token>}), or the empty
     *     string for {@code /mcp} itself
     */
    CallerResolution resolve(String pathToken, HttpRequest request);
}

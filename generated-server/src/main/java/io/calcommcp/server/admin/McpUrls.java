package io.calcommcp.server.admin;

import java.net.URI;

/**
 * The URL a user pastes into a client for an MCP server: {@code <public base>/mcp/<token>}. The
 * base is the public URL the server is reached at (through a proxy or tunnel), else its listen
 * address; a public URL that already ends in {@code /mcp} gets the token after it.
 */
public final class McpUrls {

    private final String base;

    /** @param publicBase the public URL or the listen address, such as {@code https://mcp.example.com} */
    public McpUrls(URI publicBase) {
        String text =
                publicBase.getScheme() + "://" + publicBase.getRawAuthority().replaceAll("^.*@", "")
                        + (publicBase.getRawPath() == null ? "" : publicBase.getRawPath());
        text = text.replaceAll("/+$", "");
        this.base = text.endsWith("/mcp") ? text : text + "/mcp";
    }

    /** The URL of the server whose token is {@code token}. */
    public String urlFor(String token) {
        return base + "/" + token;
    }

    /** The URL with the token replaced by {@code <token>}, for messages. */
    public String pattern() {
        return base + "/<token>";
    }
}

package io.calcommcp.server.config;

import java.net.URI;
import java.util.Optional;

/**
 * The URLs a user pastes into a client: {@code <base>/mcp} for the single-key mode and {@code
 * <base>/mcp/<token>} for a scoped server. The base is the public URL the server is reached at
 * (through a proxy or tunnel), else its listen address. A public URL whose path already ends in
 * {@code /mcp} is taken as the MCP endpoint itself. User info, query and fragment are never part of
 * a shown URL: they are credentials more often than not.
 */
public final class McpUrls {

    private static final String PATH = "/mcp";

    private final String endpoint;

    /** @param publicBase the public URL or the listen address, such as {@code https://mcp.example.com} */
    public McpUrls(URI publicBase) {
        String text =
                publicBase.getScheme() + "://" + publicBase.getRawAuthority().replaceAll("^.*@", "")
                        + (publicBase.getRawPath() == null ? "" : publicBase.getRawPath());
        text = text.replaceAll("/+$", "");
        this.endpoint = text.endsWith(PATH) ? text : text + PATH;
    }

    /**
     * The URLs of a server configured with {@code publicUrl} that listens on {@code host:port}.
     *
     * @param port the bound port, not 0
     */
    public static McpUrls of(Optional<URI> publicUrl, String host, int port) {
        return new McpUrls(publicUrl.orElseGet(() -> URI.create("http://" + shownHost(host) + ":" + port)));
    }

    /**
     * A listen address as a client reaches it: a wildcard address becomes 127.0.0.1 and an IPv6
     * address gets its brackets.
     */
    public static String shownHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The single-key mode's URL. */
    public String singleKey() {
        return endpoint;
    }

    /** The URL of the scoped server whose token is {@code token}. */
    public String urlFor(String token) {
        return endpoint + "/" + token;
    }

    /** The scoped URL with the token replaced by {@code <token>}, for messages. */
    public String pattern() {
        return endpoint + "/<token>";
    }
}

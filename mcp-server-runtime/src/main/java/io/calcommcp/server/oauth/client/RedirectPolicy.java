package io.calcommcp.server.oauth.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which redirect URIs a client may register. By default: {@code https} to any host (so ChatGPT's
 * per-connector callbacks such as {@code https://chatgpt.com/connector/oauth/<id>} pass), and
 * {@code http} only to a loopback address (native apps and local tools, RFC 8252). An operator's
 * list narrows or widens that: entries are host names ({@code chatgpt.com}), subdomain wildcards
 * ({@code *.example.com}), {@code *} for any host, or a private-use scheme such as {@code
 * cursor:} (RFC 8252 section 7.1), which is otherwise refused. Loopback {@code http} stays
 * allowed, since a code sent there never leaves the person's machine.
 *
 * <p>Every redirect URI is absolute, without fragment or user info; an authorization request must
 * then name one of the client's exactly.
 */
public final class RedirectPolicy {

    /** The entry that allows any https host. */
    public static final String ANY_HOST = "*";

    private static final int MAX_LENGTH = 2000;

    private final List<String> entries;

    private RedirectPolicy(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The default: https to any host, http to loopback. */
    public static RedirectPolicy anyHttpsHost() {
        return new RedirectPolicy(List.of(ANY_HOST));
    }

    /**
     * The operator's list.
     *
     * @throws IllegalArgumentException naming an entry that is none of the accepted forms
     */
    public static RedirectPolicy of(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the list of redirect hosts is empty: name at least one host, or *");
        }
        List<String> normalized = entries.stream()
                .map(String::trim)
                .map(e -> e.toLowerCase(Locale.ROOT))
                .toList();
        for (String entry : normalized) {
            if (!entry.equals(ANY_HOST)
                    && !entry.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
                    && !entry.matches("[a-z][a-z0-9+.-]*:")) {
                throw new IllegalArgumentException("'" + entry + "' is not a redirect host: give a host name such as"
                        + " chatgpt.com, a wildcard such as *.example.com, * for any host, or a private-use scheme"
                        + " such as myapp:");
            }
        }
        return new RedirectPolicy(normalized);
    }

    /** The entries, as given (lower case). */
    public List<String> entries() {
        return entries;
    }

    /**
     * Why {@code uri} may not be a redirect URI, in words for the client's developer; empty if it
     * may.
     */
    public Optional<String> problem(String uri) {
        if (uri.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a URI");
        }
        if (!parsed.isAbsolute() || parsed.isOpaque()) {
            return Optional.of("must be an absolute URI such as https://app.example.com/callback");
        }
        if (parsed.getRawFragment() != null) {
            return Optional.of("must not have a fragment (#...)");
        }
        if (parsed.getRawUserInfo() != null) {
            return Optional.of("must not have user info (user@...)");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            String host = parsed.getHost();
            if (host == null || host.isEmpty()) {
                return Optional.of("must name a host");
            }
            return hostAllowed(host.toLowerCase(Locale.ROOT))
                    ? Optional.empty()
                    : Optional.of("goes to " + host + ", which this server does not allow (allowed: "
                            + String.join(", ", entries) + ")");
        }
        if (scheme.equals("http")) {
            return isLoopback(parsed.getHost())
                    ? Optional.empty()
                    : Optional.of("uses http, which is allowed only for a loopback address (127.0.0.1, [::1],"
                            + " localhost): use https");
        }
        if (scheme.equals("javascript")
                || scheme.equals("data")
                || scheme.equals("file")
                || scheme.equals("vbscript")) {
            return Optional.of("uses the scheme " + scheme + ", which is never a redirect");
        }
        return entries.contains(scheme + ":")
                ? Optional.empty()
                : Optional.of("uses the scheme " + scheme + ", which this server does not allow: use https");
    }

    private boolean hostAllowed(String host) {
        for (String entry : entries) {
            if (entry.equals(ANY_HOST) || entry.equals(host)) {
                return true;
            }
            if (entry.startsWith("*.") && host.endsWith(entry.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code host} (a name or an address literal) is this machine's loopback. */
    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false; // a name other than localhost: not looked up here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package io.calcommcp.server.upstream;

import java.net.URI;

/**
 * The one way a configured URL is shown in output, logs, messages and {@code toString}: scheme,
 * host, port and path only. User info ({@code user:password@}), query and fragment are dropped,
 * because a base or public URL may carry credentials or tokens there.
 */
public final class DisplayUrl {

    private DisplayUrl() {}

    /** The URL without user info, query and fragment, such as {@code https://api.cal.com:8443/base}. */
    public static String of(URI uri) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append(':');
        }
        // The raw authority covers IPv6 literals and registry names alike; cut everything up to the last '@'.
        String authority = uri.getRawAuthority();
        if (authority != null) {
            out.append("//").append(authority.substring(authority.lastIndexOf('@') + 1));
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        return out.toString();
    }
}

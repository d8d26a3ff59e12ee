package io.calcommcp.server.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where services add their handlers, by path. An exact path wins over a prefix, and a longer
 * prefix over a shorter one.
 */
public final class Routes {

    /** The handler a path is served by, and what follows the route's prefix. */
    record Match(HttpHandler handler, String subPath) {}

    private record Prefix(String prefix, HttpHandler handler) {}

    private final Map<String, HttpHandler> exact = new HashMap<>();
    private final List<Prefix> prefixes = new ArrayList<>();

    Routes() {}

    /**
     * Serves {@code paths} with {@code handler}.
     *
     * @param paths exact paths such as {@code /healthz}, or prefixes such as {@code /mcp/*}, which
     *     also match {@code /mcp} itself
     */
    public void add(HttpHandler handler, String... paths) {
        for (String path : paths) {
            if (path.endsWith("/*")) {
                prefixes.add(new Prefix(path.substring(0, path.length() - 2), handler));
                prefixes.sort(Comparator.comparingInt((Prefix p) -> p.prefix().length())
                        .reversed());
            } else if (exact.putIfAbsent(path, handler) != null) {
                throw new IllegalArgumentException("Two handlers for " + path);
            }
        }
    }

    /** The handler for {@code path}, or null when nothing is served there. */
    Match find(String path) {
        HttpHandler handler = exact.get(path);
        if (handler != null) {
            return new Match(handler, "");
        }
        for (Prefix each : prefixes) {
            String prefix = each.prefix();
            if (path.equals(prefix)) {
                return new Match(each.handler(), "");
            }
            if (path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                return new Match(each.handler(), path.substring(prefix.length()));
            }
        }
        return null;
    }
}

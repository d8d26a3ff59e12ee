package io.calcommcp.server.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The probes of load balancers and orchestrators, without touching MCP or the API: {@code GET
 * /healthz} says the process is alive, {@code GET /readyz} whether it should get traffic (its
 * store reachable and migrated, and not shutting down).
 */
public final class HealthService implements HttpService {

    /** The liveness path. */
    public static final String PATH = "/healthz";

    /** The readiness path. */
    public static final String READY_PATH = "/readyz";

    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<Optional<String>> notReadyBecause;

    /** @param notReadyBecause why the server should get no traffic now, as a reason code; empty when ready */
    public HealthService(Supplier<Optional<String>> notReadyBecause) {
        this.notReadyBecause = notReadyBecause;
    }

    @Override
    public void register(Routes routes) {
        routes.add(HealthService::alive, PATH);
        routes.add(this::ready, READY_PATH);
    }

    private static void alive(HttpRequest request, HttpResponse response) throws IOException {
        if (!isRead(request)) {
            response.sendError(405);
            return;
        }
        response.send(200, "text/plain;charset=UTF-8", OK);
    }

    private void ready(HttpRequest request, HttpResponse response) throws IOException {
        if (!isRead(request)) {
            response.sendError(405);
            return;
        }
        Optional<String> reason = notReadyBecause.get();
        if (reason.isEmpty()) {
            JsonReplies.write(response, 200, Map.of("status", "ready"));
        } else {
            response.setHeader("Retry-After", "5");
            JsonReplies.write(response, 503, Map.of("status", "not_ready", "reason", reason.get()));
        }
    }

    private static boolean isRead(HttpRequest request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }
}

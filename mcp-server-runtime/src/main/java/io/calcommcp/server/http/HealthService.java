package io.calcommcp.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    private final Supplier<Optional<String>> notReadyBecause;

    /** @param notReadyBecause why the server should get no traffic now, as a reason code; empty when ready */
    public HealthService(Supplier<Optional<String>> notReadyBecause) {
        this.notReadyBecause = notReadyBecause;
    }

    @Override
    public void register(Routes routes) {
        routes.add("health", new HealthServlet(), PATH);
        routes.add("ready", new ReadyServlet(notReadyBecause), READY_PATH);
    }

    private static final class HealthServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("ok\n");
        }
    }

    private static final class ReadyServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        private final transient Supplier<Optional<String>> notReadyBecause;

        ReadyServlet(Supplier<Optional<String>> notReadyBecause) {
            this.notReadyBecause = notReadyBecause;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Optional<String> reason = notReadyBecause.get();
            if (reason.isEmpty()) {
                JsonReplies.write(response, 200, Map.of("status", "ready"));
            } else {
                response.setHeader("Retry-After", "5");
                JsonReplies.write(response, 503, Map.of("status", "not_ready", "reason", reason.get()));
            }
        }
    }
}

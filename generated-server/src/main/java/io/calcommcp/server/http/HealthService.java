package io.calcommcp.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /healthz} answers {@code ok} for load-balancer health checks, without touching MCP or the API. */
public final class HealthService implements HttpService {

    /** The health check path. */
    public static final String PATH = "/healthz";

    @Override
    public void register(Routes routes) {
        routes.add("health", new HealthServlet(), PATH);
    }

    private static final class HealthServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("ok\n");
        }
    }
}

package io.calcommcp.server.metrics;

import io.calcommcp.server.http.HttpService;
import io.calcommcp.server.http.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the Prometheus text format, for a scraper on the operator's network. */
public final class MetricsService implements HttpService {

    /** The scrape path. */
    public static final String PATH = "/metrics";

    private final PrometheusMetrics metrics;

    public MetricsService(PrometheusMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void register(Routes routes) {
        routes.add("metrics", new MetricsServlet(metrics), PATH);
    }

    @Override
    public void close() {
        metrics.close();
    }

    private static final class MetricsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        private final transient PrometheusMetrics metrics;

        MetricsServlet(PrometheusMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/plain; version=0.0.4; charset=utf-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}

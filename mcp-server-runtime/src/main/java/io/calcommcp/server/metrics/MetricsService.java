package io.calcommcp.server.metrics;

import io.calcommcp.server.http.HttpRequest;
import io.calcommcp.server.http.HttpResponse;
import io.calcommcp.server.http.HttpService;
import io.calcommcp.server.http.Routes;
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
        routes.add(this::scrape, PATH);
    }

    @Override
    public void close() {
        metrics.close();
    }

    private void scrape(HttpRequest request, HttpResponse response) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            response.sendError(405);
            return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.send(200, "text/plain; version=0.0.4; charset=utf-8", body);
    }
}

package io.calcommcp.server.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /metrics}: the Prometheus text format, for a scraper on the operator's network. */
public final class MetricsHandler extends Handler.Abstract {

    /** The scrape path. */
    public static final String PATH = "/metrics";

    private final PrometheusMetrics metrics;

    public MetricsHandler(PrometheusMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return true;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}

package io.calcommcp.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The probes of load balancers and orchestrators, without touching MCP or the API: {@code GET
 * /healthz} says the process is alive, {@code GET /readyz} whether it should get traffic (its
 * store reachable and migrated, and not shutting down).
 */
public final class HealthHandler extends Handler.Abstract {

    /** The liveness path. */
    public static final String PATH = "/healthz";

    /** The readiness path. */
    public static final String READY_PATH = "/readyz";

    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);

    private final Optional<Supplier<Optional<String>>> notReadyBecause;

    private HealthHandler(Optional<Supplier<Optional<String>>> notReadyBecause) {
        this.notReadyBecause = notReadyBecause;
    }

    /** {@code /healthz}: 200 {@code ok} while the process serves at all. */
    public static HealthHandler alive() {
        return new HealthHandler(Optional.empty());
    }

    /**
     * {@code /readyz}: 200 when ready, else 503 with the reason.
     *
     * @param notReadyBecause why the server should get no traffic now, as a reason code; empty when ready
     */
    public static HealthHandler ready(Supplier<Optional<String>> notReadyBecause) {
        return new HealthHandler(Optional.of(notReadyBecause));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return true;
        }
        if (notReadyBecause.isEmpty()) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
            response.write(true, ByteBuffer.wrap(OK), callback);
            return true;
        }
        Optional<String> reason = notReadyBecause.get().get();
        if (reason.isEmpty()) {
            JsonAnswers.send(response, callback, 200, Map.of("status", "ready"));
        } else {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            JsonAnswers.send(response, callback, 503, Map.of("status", "not_ready", "reason", reason.get()));
        }
        return true;
    }
}

package io.calcommcp.server.prism;

import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

/** Forwards each request unchanged to another base URL (Prism) and relays its answer. */
public final class ProxyResponder implements FakeHttpServer.Responder {

    // The JDK client sets these itself and refuses them from callers.
    private static final Set<String> RESTRICTED =
            Set.of("host", "content-length", "connection", "upgrade", "expect", "http2-settings", "transfer-encoding");

    private final URI target;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** @param target the base URL to forward to */
    public ProxyResponder(URI target) {
        this.target = target;
    }

    @Override
    public FakeHttpServer.Reply apply(RecordedRequest request) {
        String pathAndQuery = request.path() + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                .method(
                        request.method(),
                        request.body().isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("content-type").orElse("application/json");
            return new FakeHttpServer.Reply(
                    response.statusCode(), Map.of("Content-Type", contentType), response.body(), 0);
        } catch (IOException e) {
            return FakeHttpServer.Reply.json(502, "{\"proxy\":\"" + e.getClass().getSimpleName() + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FakeHttpServer.Reply.json(502, "{\"proxy\":\"interrupted\"}");
        }
    }
}

package io.calcommcp.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A JDK HttpServer on 127.0.0.1 that records every request and answers with whatever the
 * current {@link Responder} says: a canned reply, a delayed one, or a forwarded one (as a
 * recording proxy in front of Prism).
 */
public final class FakeHttpServer implements AutoCloseable {

    /** What to answer. */
    public record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        /** A JSON reply. */
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, 0);
        }
    }

    /** Decides the reply for a request (the recorded fields before the response is known). */
    public interface Responder extends Function<RecordedRequest, Reply> {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Responder responder;

    /** Starts on a free port with the given responder. */
    public FakeHttpServer(Responder responder) throws IOException {
        this.responder = responder;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Changes the responder for later requests. */
    public void respondWith(Responder responder) {
        this.responder = responder;
    }

    /** The base URL, such as {@code http://127.0.0.1:40123}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A copy of every request so far. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets recorded requests. */
    public void clear() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            RecordedRequest incoming = new RecordedRequest(
                    exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body, 0, "");
            Reply reply;
            try {
                reply = responder.apply(incoming);
            } catch (RuntimeException e) {
                reply = Reply.json(599, "{\"fake\":\"responder failed: " + e + "\"}");
            }
            requests.add(new RecordedRequest(
                    incoming.method(),
                    incoming.path(),
                    incoming.rawQuery(),
                    headers,
                    body,
                    reply.status(),
                    reply.body()));
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The client went away (e.g. it timed out first): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

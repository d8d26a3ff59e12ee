package io.calcommcp.codegen.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for the place a spec is published (no test reaches the
 * internet), on the JDK's {@code com.sun.net.httpserver}. It serves one document at {@code
 * /openapi.json}, and can misbehave the ways a real server does: answer an error status, send
 * part of the body and hang up, or send nothing at all.
 */
public final class SpecServer implements AutoCloseable {

    /** How the next answers go. */
    public enum Behaviour {
        SERVE,
        NOT_FOUND,
        /** Announces the whole length, sends a tenth of it, and closes the connection. */
        HANG_UP_HALFWAY,
        /** Accepts the request and never answers. */
        STALL
    }

    private final HttpServer server;
    /** Daemon threads, interrupted on close, so that a stalled answer never outlives the test. */
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "spec-server");
        t.setDaemon(true);
        return t;
    });

    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] body;
    private volatile Behaviour behaviour = Behaviour.SERVE;

    private SpecServer(byte[] body) throws IOException {
        this.body = body.clone();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/openapi.json", this::answer);
        server.setExecutor(handlers);
        server.start();
    }

    /** A started server serving {@code body}. */
    public static SpecServer serving(byte[] body) {
        try {
            return new SpecServer(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of the document. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/openapi.json";
    }

    /** How many requests it has received. */
    public int requests() {
        return requests.get();
    }

    public void serve(byte[] next) {
        body = next.clone();
        behaviour = Behaviour.SERVE;
    }

    public void behave(Behaviour next) {
        behaviour = next;
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] bytes = body;
        try (exchange) {
            switch (behaviour) {
                case SERVE -> {
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
                case NOT_FOUND -> exchange.sendResponseHeaders(404, -1);
                case HANG_UP_HALFWAY -> {
                    exchange.sendResponseHeaders(200, bytes.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(bytes, 0, bytes.length / 10);
                    out.flush();
                    // Closing the exchange before the announced length closes the connection.
                }
                case STALL -> {
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}

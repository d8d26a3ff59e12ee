package io.calcommcp.server.http;

import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/1.1 server the services run on: one listening socket, and a thread per open connection
 * that reads, handles and answers its requests in turn.
 *
 * <p>A thread per connection, not a selector handing requests to workers: on the one CPU a small
 * service gets, each hand-off is a context switch, and the server's work per call is a few tens of
 * microseconds. Idle connections cost a parked thread (its stack is reserved, barely touched); they
 * are bounded in number ({@link #MAX_CONNECTIONS}) and in time (every read has a deadline), so a
 * client that opens many and sends slowly (slowloris) holds them for one request timeout at most.
 */
public final class HttpServerHost implements AutoCloseable {

    /** Headers larger than this together are refused; a JSON-RPC request needs a few hundred bytes. */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** How long an idle keep-alive connection stays open at least. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    /** Open connections beyond this are answered 503 and closed. */
    static final int MAX_CONNECTIONS = 1024;

    /** How often stuck writes are looked for and header timeouts are logged. */
    private static final long WATCH_EVERY_MILLIS = 250;

    /** What every connection of one server shares. */
    record Settings(
            Routes routes,
            JsonErrorPages errorPages,
            StructuredLog log,
            long requestTimeoutMillis,
            long keepAliveMillis,
            int maxHeaderBytes,
            Set<HttpConnection> connections,
            AtomicInteger headerTimeouts,
            CallObserver observer,
            AtomicBoolean closingFlag) {

        boolean closing() {
            return closingFlag.get();
        }

        void headerTimedOut() {
            headerTimeouts.incrementAndGet();
            observer.refused("header_timeout");
        }
    }

    private final ServerSocket listener;
    private final Settings settings;
    private final List<HttpService> services;
    private final ThreadPoolExecutor threads;
    private final Thread acceptor;
    private final Thread watcher;
    private final int port;
    private volatile boolean closed;

    private HttpServerHost(ServerSocket listener, Settings settings, List<HttpService> services) {
        this.listener = listener;
        this.settings = settings;
        this.services = services;
        this.port = listener.getLocalPort();
        AtomicInteger numbers = new AtomicInteger();
        this.threads =
                new ThreadPoolExecutor(0, MAX_CONNECTIONS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "http-" + port + "-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::accept, "http-" + port + "-accept");
        this.watcher = new Thread(this::watch, "http-" + port + "-watch");
        acceptor.setDaemon(true);
        watcher.setDaemon(true);
    }

    /**
     * Starts serving {@code services} and returns once connections are accepted. On failure every
     * service is closed too.
     *
     * @param port the port; 0 picks a free one
     * @param requestTimeout how long a client has to send a request's headers (from their first
     *     byte) and then its body
     * @param log where refused requests are logged
     * @param observer counts refused requests, for metrics
     * @throws IOException if the address cannot be bound, with a message that says what to change
     */
    public static HttpServerHost start(
            String host,
            int port,
            List<HttpService> services,
            Duration requestTimeout,
            StructuredLog log,
            CallObserver observer)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(host, port), 128);
        } catch (IOException | RuntimeException e) {
            listener.close();
            services.forEach(HttpService::close);
            throw new IOException("Could not listen on " + host + ":" + port + " (" + e.getMessage()
                    + "). Choose another port with --port, or another address with --host.");
        }
        Routes routes = new Routes();
        services.forEach(service -> service.register(routes));
        long timeoutMillis = requestTimeout.toMillis();
        Settings settings = new Settings(
                routes,
                new JsonErrorPages(log, observer, MAX_HEADER_BYTES),
                log,
                timeoutMillis,
                Math.max(timeoutMillis, KEEP_ALIVE.toMillis()),
                MAX_HEADER_BYTES,
                ConcurrentHashMap.newKeySet(),
                new AtomicInteger(),
                observer,
                new AtomicBoolean());
        HttpServerHost server = new HttpServerHost(listener, settings, List.copyOf(services));
        server.acceptor.start();
        server.watcher.start();
        return server;
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed || listener.isClosed()) {
                    return;
                }
                continue;
            }
            HttpConnection connection;
            try {
                connection = new HttpConnection(socket, settings);
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            settings.connections().add(connection);
            try {
                threads.execute(connection);
            } catch (RejectedExecutionException e) {
                settings.connections().remove(connection);
                refuseConnection(socket);
            }
        }
    }

    /** Too many connections: a short 503 on this one, written without a thread of its own. */
    private void refuseConnection(Socket socket) {
        settings.observer().refused("too_many_connections");
        byte[] body = settings.errorPages().body(503);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + JsonReplies.CONTENT_TYPE
                            + "\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        } catch (IOException e) {
            // It is being refused anyway.
        }
        closeQuietly(socket);
    }

    /** Closes connections whose client stopped reading an answer, and logs cut-off headers. */
    private void watch() {
        long writeTimeoutNanos = Math.max(settings.requestTimeoutMillis(), 1000) * 1_000_000L;
        while (!closed) {
            try {
                Thread.sleep(WATCH_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (HttpConnection connection : settings.connections()) {
                if (connection.writingLongerThan(writeTimeoutNanos, now)) {
                    connection.close();
                }
            }
            int cut = settings.headerTimeouts().getAndSet(0);
            if (cut > 0) {
                settings.log()
                        .warn(
                                "request_refused",
                                line -> line.put("reason", "header_timeout").put("connections_closed", cut));
            }
        }
    }

    /** Stops accepting connections and releases the port; those open are served until {@link #close}. */
    public void pause() {
        closeQuietly(listener);
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** Stops accepting requests, closes every connection and every service. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        settings.closingFlag().set(true);
        closeQuietly(listener);
        services.forEach(HttpService::close);
        for (HttpConnection connection : settings.connections()) {
            connection.close();
        }
        threads.shutdownNow();
        watcher.interrupt();
        try {
            acceptor.join(1000);
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort: the socket is gone either way.
        }
    }
}

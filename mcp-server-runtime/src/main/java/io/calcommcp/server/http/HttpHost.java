package io.calcommcp.server.http;

import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One HTTP listener on Jetty, serving handlers by path: the MCP endpoint, health, metrics or the
 * admin API, each registered by the composition root with one {@link Builder#route} call.
 *
 * <p>Jetty parses and frames every request (strictly, RFC 9110: one body length, no folded
 * headers, no ambiguous path segments); what this class adds is configuration of the limits a
 * server on the internet needs, from {@link RequestLimits}:
 *
 * <ul>
 *   <li>request headers of at most {@link #MAX_HEADER_BYTES} (431) and {@link
 *       HttpChecks#MAX_HEADERS} fields (431); a request whose framing is doubtful is refused
 *       ({@link HttpChecks});
 *   <li>a deadline for a request's head ({@link HeaderDeadline}) and, where a handler reads it,
 *       for its body ({@link RequestBodies}), so that a client trickling bytes (slowloris) holds a
 *       connection for one request timeout at most; idle keep-alive connections close after
 *       {@link #KEEP_ALIVE};
 *   <li>at most {@link RequestLimits#maxConnections()} connections (Jetty's {@link
 *       NetworkConnectionLimit}: beyond it new connections wait in the backlog, and idle ones are
 *       given the request timeout), of which one client address holds at most {@link
 *       RequestLimits#maxConnectionsPerClient()} ({@link ConnectionsPerClient});
 *   <li>a bounded pool of request threads: platform threads on Java 17, virtual threads where the
 *       JVM has them (21 and later), since a call's thread mostly waits for the upstream API.
 * </ul>
 *
 * <p>Every refusal Jetty makes is answered by {@link JsonErrorHandler}: a small JSON body, never
 * an HTML page or the name of the server software.
 */
public final class HttpHost implements AutoCloseable {

    /** Headers larger than this together are refused (431); a JSON-RPC request needs a few hundred bytes. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    /** How long an idle keep-alive connection stays open. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    /**
     * Request threads at most. A call holds one while it waits for the API, and calls at once are
     * bounded further by the engine's admission ({@link RequestLimits#maxConcurrentCalls()}).
     */
    static final int MAX_THREADS = 200;

    /** Threads kept when idle: a small service on one CPU needs few, and each one costs memory. */
    static final int MIN_THREADS = 2;

    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    /** How long a thread above the minimum stays idle before it ends. */
    private static final int THREAD_IDLE_MILLIS = 60_000;

    private final Server server;
    private final ServerConnector connector;

    private HttpHost(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * A listener to be on {@code host}:{@code port} (0 picks a free port).
     *
     * @param name names its threads, such as {@code mcp} or {@code admin}
     */
    public static Builder on(String host, int port, String name) {
        return new Builder(host, port, name);
    }

    /** The port the server listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting connections and releases the port; those open are served until {@link #close}. */
    public void pause() {
        connector.setAccepting(false);
        connector.close();
    }

    /** Closes every connection and stops the server's threads. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: the process is going away, or the test is over.
        }
    }

    /** What a listener serves, and the limits it serves it with. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String name;
        // No servlet-style contexts: each handler knows its own path, and Request.getPathInContext is the
        // whole path.
        private final PathMappingsHandler routes = new PathMappingsHandler.NoContext();
        private RequestLimits limits = RequestLimits.defaults();
        private StructuredLog log;
        private CallObserver observer = CallObserver.NONE;
        private boolean trustForwardedHeaders;

        private Builder(String host, int port, String name) {
            this.host = host;
            this.port = port;
            this.name = name;
        }

        /**
         * Serves {@code pathSpec} with {@code handler}.
         *
         * @param pathSpec an exact path such as {@code /healthz}, or a prefix such as {@code /mcp/*},
         *     which also matches {@code /mcp} itself; the handler sees the whole path
         */
        public Builder route(String pathSpec, Handler handler) {
            routes.addMapping(PathSpec.from(pathSpec), handler);
            return this;
        }

        /** The limits to serve with; the defaults unless set. */
        public Builder limits(RequestLimits requestLimits) {
            this.limits = Objects.requireNonNull(requestLimits);
            return this;
        }

        /** Where refused requests are logged (required). */
        public Builder log(StructuredLog structuredLog) {
            this.log = Objects.requireNonNull(structuredLog);
            return this;
        }

        /** Counts refused requests, for metrics. */
        public Builder observer(CallObserver callObserver) {
            this.observer = Objects.requireNonNull(callObserver);
            return this;
        }

        /**
         * Whether a request's client address (and scheme) are read from a reverse proxy's {@code
         * Forwarded} and {@code X-Forwarded-*} headers (Jetty's {@link ForwardedRequestCustomizer}),
         * so that per-address limits of the handlers see the client rather than the proxy. Off by
         * default: anyone who reaches the listener directly could claim any address. Connection
         * counts per client ({@link ConnectionsPerClient}) still see the proxy, whose connections
         * they are.
         */
        public Builder trustForwardedHeaders(boolean trust) {
            this.trustForwardedHeaders = trust;
            return this;
        }

        /**
         * Starts serving and returns once connections are accepted.
         *
         * @throws IOException if the address cannot be bound, with a message that says what to change
         */
        public HttpHost start() throws IOException {
            Objects.requireNonNull(log, "log");
            // Jetty pads its queues to the cache line and, unless told how many references fill
            // one, asks the platform MBean server whether oops are compressed: starting JMX was a
            // tenth of a start on one CPU. Sixteen is the answer for any heap under 32 GiB; a
            // wrong one would only cost some false sharing.
            if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
                System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
            }
            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, THREAD_IDLE_MILLIS);
            threads.setName(name);
            threads.setDaemon(true);
            // Jetty's own choice of threads kept in reserve: with one, the selector thread runs the
            // request it found itself and a reserved thread takes over selecting, instead of
            // handing each request to a pool thread. Measured on one pinned CPU at 16 clients, the
            // CPU time per tool call went from about 170 to 140 us (none reserved).
            threads.setReservedThreads(-1);
            if (VirtualThreads.areSupported()) {
                threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor(name + "-request-"));
            }
            Server server = new Server(threads);
            server.setStopTimeout(0);
            JsonErrorHandler errors = new JsonErrorHandler(log, observer, MAX_HEADER_BYTES);
            server.setErrorHandler(errors);

            HttpConfiguration http = new HttpConfiguration();
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setSendDateHeader(true);
            http.setHttpCompliance(HttpCompliance.RFC9110);
            http.setUriCompliance(UriCompliance.DEFAULT);
            if (trustForwardedHeaders) {
                http.addCustomizer(new ForwardedRequestCustomizer());
            }
            // One acceptor-free selector: on the one CPU a small service gets, accepting in the
            // selector saves a thread and a hand-off per connection.
            ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setReuseAddress(true);
            connector.setAcceptQueueSize(128);
            connector.setIdleTimeout(
                    Math.max(KEEP_ALIVE.toMillis(), limits.requestTimeout().toMillis()));
            connector.addEventListener(new ConnectionsPerClient(limits.maxConnectionsPerClient(), log, observer));
            server.addConnector(connector);

            NetworkConnectionLimit connections = new NetworkConnectionLimit(limits.maxConnections(), connector);
            connections.setEndPointIdleTimeout(limits.requestTimeout().toMillis());
            server.addBean(connections);
            server.addBean(new HeaderDeadline(connector, limits.requestTimeout(), log, observer));

            server.setHandler(new HttpChecks(routes));
            try {
                server.start();
            } catch (Exception e) {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // Already failing; the bind error is the one to report.
                }
                throw new IOException("Could not listen on " + host + ":" + port + " (" + reason(e)
                        + "). Choose another port with --port, or another address with --host.");
            }
            return new HttpHost(server, connector);
        }

        private static String reason(Exception e) {
            Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
            return cause.getMessage() != null
                    ? cause.getMessage()
                    : cause.getClass().getSimpleName();
        }
    }
}

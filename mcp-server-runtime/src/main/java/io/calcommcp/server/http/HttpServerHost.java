package io.calcommcp.server.http;

import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.modeler.Registry;

/**
 * The embedded servlet container (Tomcat) and its lifecycle: one connector on the configured
 * address with bounded headers and timeouts, the services' routes, and JSON error pages that
 * reveal nothing about the server.
 */
public final class HttpServerHost implements AutoCloseable {

    // Tomcat logs through java.util.logging; keep a strong reference so the level sticks.
    private static final Logger TOMCAT_LOGGER = Logger.getLogger("org.apache");

    // Its leak hunt on stop reports the store's pool threads: nothing is redeployed here, so it is noise.
    private static final Logger LEAK_HUNT_LOGGER = Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

    /** Tomcat's default; a JSON-RPC request needs a few hundred bytes of headers. */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** How long an idle keep-alive connection stays open; idle connections hold no thread. */
    private static final int KEEP_ALIVE_MILLIS = 30_000;

    private final Tomcat tomcat;
    private final Path baseDir;
    private final List<HttpService> services;
    private final int port;

    private HttpServerHost(Tomcat tomcat, Path baseDir, List<HttpService> services, int port) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
        this.services = services;
        this.port = port;
    }

    /**
     * Starts the container with {@code services} and returns once it accepts connections. On
     * failure every service is closed too.
     *
     * @param port the port; 0 picks a free one
     * @param requestTimeout how long a client has to send a request's headers, and how long a
     *     connection may wait for the next bytes of one
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
        TOMCAT_LOGGER.setLevel(Level.WARNING);
        LEAK_HUNT_LOGGER.setLevel(Level.OFF);
        // Tomcat would register a JMX bean for each of its parts: nothing here reads them, and at
        // start-up they cost a tenth of a second on one core. Metrics are served at /metrics.
        Registry.disableRegistry();
        Path baseDir = null;
        Tomcat tomcat = new Tomcat();
        try {
            if (port != 0) {
                ensurePortIsFree(host, port);
            }
            baseDir = Files.createTempDirectory("mcp-server-tomcat");
            tomcat.setBaseDir(baseDir.toString());
            DeadlineHttpProtocol protocol = new DeadlineHttpProtocol();
            protocol.setHeaderDeadline(requestTimeout);
            protocol.setLog(log, observer);
            int timeoutMillis = (int) requestTimeout.toMillis();
            protocol.setConnectionTimeout(timeoutMillis);
            protocol.setKeepAliveTimeout(Math.max(timeoutMillis, KEEP_ALIVE_MILLIS));
            protocol.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
            // A body left unread belongs to a refused request: close the connection rather than
            // read the rest, which a slow client could make last as long as it likes.
            protocol.setMaxSwallowSize(0);
            Connector connector = new Connector(protocol);
            connector.setPort(port);
            connector.setProperty("address", host);
            tomcat.setConnector(connector);
            tomcat.getHost().getPipeline().addValve(new JsonErrorPages(log, observer, MAX_HEADER_BYTES));
            // Otherwise the host adds Tomcat's HTML error pages behind these, and they would answer first.
            ((StandardHost) tomcat.getHost()).setErrorReportValveClass(JsonErrorPages.class.getName());
            StandardContext context = (StandardContext) tomcat.addContext("", null);
            // No web applications are (re)deployed here, so Tomcat's leak hunting on stop is noise.
            context.setClearReferencesThreadLocals(false);
            context.setClearReferencesRmiTargets(false);
            Routes routes = new Routes(context);
            services.forEach(service -> service.register(routes));
            tomcat.start();
            if (connector.getState() != LifecycleState.STARTED || connector.getLocalPort() <= 0) {
                throw new IOException("Could not listen on " + host + ":" + port
                        + ": the port is in use or the address is not on this machine. Choose another with --port or"
                        + " --host.");
            }
            return new HttpServerHost(tomcat, baseDir, List.copyOf(services), connector.getLocalPort());
        } catch (LifecycleException e) {
            destroy(tomcat, baseDir, services);
            throw new IOException("The HTTP server could not start on " + host + ":" + port, e);
        } catch (IOException | RuntimeException e) {
            destroy(tomcat, baseDir, services);
            throw e;
        }
    }

    // Tomcat reports a taken port with a stack trace on its log; check first to say it in one line.
    private static void ensurePortIsFree(String host, int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IOException("Could not listen on " + host + ":" + port + " (" + e.getMessage()
                    + "). Choose another port with --port, or another address with --host.");
        }
    }

    /** Stops accepting connections; those open are served until {@link #close}. */
    public void pause() {
        tomcat.getConnector().pause();
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** Stops accepting requests, releases the port and closes every service. */
    @Override
    public void close() {
        destroy(tomcat, baseDir, services);
    }

    private static void destroy(Tomcat tomcat, Path baseDir, List<HttpService> services) {
        services.forEach(HttpService::close);
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // Shutting down: nothing useful left to do with the failure.
        }
        if (baseDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}

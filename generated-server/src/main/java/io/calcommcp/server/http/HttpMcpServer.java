package io.calcommcp.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.ServerConfig;
import io.calcommcp.server.ToolSurface;
import io.calcommcp.server.execution.ToolExecutor;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * MCP over Streamable HTTP at {@code /mcp}, served by embedded Tomcat.
 *
 * <p><b>Stateless, on purpose.</b> The server keeps no MCP session: every POST carries a
 * complete JSON-RPC request and gets its complete answer, no {@code Mcp-Session-Id} is issued
 * and GET (the server-to-client stream) answers 405. Our tools are single request/response
 * calls that never need server-initiated messages (sampling, elicitation, progress), so a session
 * would buy nothing, while it would pin each client to the replica that created it: with
 * several replicas behind a load balancer a session-based server needs sticky routing or a
 * shared session store, and loses every session when a replica restarts. Stateless requests can
 * go to any replica.
 *
 * <p><b>DNS-rebinding protection.</b> A browser page can make a victim's browser talk to a
 * server on localhost by rebinding its own host name to 127.0.0.1; such requests carry the
 * attacker's {@code Host} and {@code Origin}. Only loopback names, the public URL's host and
 * hosts or origins configured explicitly are accepted; others get 421 or 403 before any MCP
 * handling.
 */
public final class HttpMcpServer implements AutoCloseable {

    /** The MCP endpoint path. */
    public static final String MCP_PATH = "/mcp";

    // Tomcat logs through java.util.logging; keep a strong reference so the level sticks.
    private static final Logger TOMCAT_LOGGER = Logger.getLogger("org.apache");

    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    // ChatGPT's connector may send its web origin; it is not an origin an attacker controls.
    private static final List<String> KNOWN_CLIENT_ORIGINS = List.of("https://chatgpt.com", "https://chat.openai.com");

    private final Tomcat tomcat;
    private final McpStatelessSyncServer mcp;
    private final Path baseDir;
    private final int port;
    private final String host;

    private HttpMcpServer(Tomcat tomcat, McpStatelessSyncServer mcp, Path baseDir, int port, String host) {
        this.tomcat = tomcat;
        this.mcp = mcp;
        this.baseDir = baseDir;
        this.port = port;
        this.host = host;
    }

    /**
     * Starts the server and returns once it accepts connections.
     *
     * @throws IOException if the port cannot be bound
     */
    public static HttpMcpServer start(
            ServerConfig config, ToolSurface surface, ToolExecutor executor, ObjectMapper json) throws IOException {
        TOMCAT_LOGGER.setLevel(Level.WARNING);

        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .messageEndpoint(MCP_PATH)
                .httpHeaderValidator(securityValidator(config))
                .build();
        McpStatelessSyncServer mcp = McpServer.sync(transport)
                .serverInfo(ToolSurface.SERVER_NAME, ToolSurface.version())
                .instructions(surface.instructions())
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                // ArgumentChecker validates with messages written for a model; see its Javadoc.
                .validateToolInputs(false)
                // The servlet thread blocks for the answer anyway; running the tool on it saves a hand-off.
                .immediateExecution(true)
                .tools(surface.statelessSpecifications(executor))
                .build();

        try {
            return serve(config, transport, mcp);
        } catch (IOException | RuntimeException e) {
            // Nothing will serve this MCP server: release it too, not only Tomcat.
            mcp.close();
            throw e;
        }
    }

    private static HttpMcpServer serve(
            ServerConfig config, HttpServletStatelessServerTransport transport, McpStatelessSyncServer mcp)
            throws IOException {
        if (config.port() != 0) {
            ensurePortIsFree(config.host(), config.port());
        }
        Path baseDir = Files.createTempDirectory("calcom-mcp-tomcat");
        Tomcat tomcat = new Tomcat();
        try {
            tomcat.setBaseDir(baseDir.toString());
            Connector connector = new Connector("HTTP/1.1");
            connector.setPort(config.port());
            connector.setProperty("address", config.host());
            tomcat.setConnector(connector);
            // Error pages (such as the 421 for a foreign Host) without the report or the Tomcat version.
            ErrorReportValve errorPages = new ErrorReportValve();
            errorPages.setShowReport(false);
            errorPages.setShowServerInfo(false);
            tomcat.getHost().getPipeline().addValve(errorPages);
            StandardContext context = (StandardContext) tomcat.addContext("", null);
            // No web applications are (re)deployed here, so Tomcat's leak hunting on stop is noise.
            context.setClearReferencesThreadLocals(false);
            context.setClearReferencesRmiTargets(false);
            Wrapper wrapper = Tomcat.addServlet(context, "mcp", transport);
            wrapper.setAsyncSupported(true);
            context.addServletMapping(MCP_PATH, "mcp");
            Tomcat.addServlet(context, "health", new HealthServlet());
            context.addServletMapping("/healthz", "health");
            tomcat.start();
            if (connector.getState() != LifecycleState.STARTED || connector.getLocalPort() <= 0) {
                throw new IOException(
                        "Could not listen on " + config.host() + ":" + config.port()
                                + ": the port is in use or the address is not on this machine. Choose another with --port or --host.");
            }
            return new HttpMcpServer(tomcat, mcp, baseDir, connector.getLocalPort(), config.host());
        } catch (LifecycleException e) {
            destroy(tomcat, baseDir);
            throw new IOException("The HTTP server could not start on " + config.host() + ":" + config.port(), e);
        } catch (IOException | RuntimeException e) {
            destroy(tomcat, baseDir);
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

    static DefaultServerTransportSecurityValidator securityValidator(ServerConfig config) {
        List<String> hosts = new ArrayList<>();
        List<String> origins = new ArrayList<>(KNOWN_CLIENT_ORIGINS);
        for (String loopback : LOOPBACK_HOSTS) {
            hosts.add(loopback + ":*");
            origins.add("http://" + loopback + ":*");
            origins.add("https://" + loopback + ":*");
        }
        hosts.addAll(config.allowedHosts());
        origins.addAll(config.allowedOrigins());
        config.publicUrl().ifPresent(url -> {
            hosts.add(url.getHost() + ":*");
            origins.add(url.getScheme() + "://" + url.getHost() + ":*");
        });
        return DefaultServerTransportSecurityValidator.builder()
                .allowedHosts(hosts)
                .allowedOrigins(origins)
                .build();
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The MCP URL on this machine, such as {@code http://127.0.0.1:8080/mcp}. */
    public URI localUrl() {
        String shownHost = host.equals("0.0.0.0") || host.equals("::")
                ? "127.0.0.1"
                : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shownHost + ":" + port + MCP_PATH);
    }

    /** Stops accepting requests and releases the port. */
    @Override
    public void close() {
        mcp.closeGracefully();
        destroy(tomcat, baseDir);
    }

    private static void destroy(Tomcat tomcat, Path baseDir) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // Shutting down: nothing useful left to do with the failure.
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    /** Answers 200 for load-balancer health checks, without touching MCP or the upstream API. */
    private static final class HealthServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("ok\n");
        }
    }
}

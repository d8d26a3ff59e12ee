package io.calcommcp.server.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.ServerAssembly;
import io.calcommcp.server.cli.Cli;
import io.calcommcp.server.cli.CliContext;
import io.calcommcp.server.cli.Launcher;
import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.HttpHost;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.metrics.PrometheusMetrics;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.server.store.StoreOpening;
import io.calcommcp.server.testing.RunningServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code serve --oauth} in-process, put together as the server jar does it: the command line is
 * read by the real {@link Cli} (flags, checks, defaults), and what it would launch is assembled by
 * {@link ServerAssembly} with the store in {@code dataDir}, MCP and the authorization server on one
 * loopback port (its public URL {@code http://127.0.0.1:<port>}) and the admin API on another.
 * Everything the server logs is kept, to be searched for secrets.
 */
final class OAuthServe implements AutoCloseable {

    static final String ADMIN_TOKEN = "oauth-test-admin-token-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    static final ToolSet TOOLS = RunningServer.tools(JSON);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final StoreOpening store;
    private final ServerAssembly assembly;
    private final HttpHost mcp;
    private final HttpHost admin;
    private final URI publicUrl;

    /**
     * @param upstream the API's base URL ({@code --upstream})
     * @param extraArgs more flags of {@code serve}
     */
    OAuthServe(Path dataDir, URI upstream, Clock clock, String... extraArgs) throws Exception {
        int port = freePort();
        publicUrl = URI.create("http://127.0.0.1:" + port);
        List<String> args = new ArrayList<>(List.of(
                "serve",
                "--oauth",
                "--public-url",
                publicUrl.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--upstream",
                upstream.toString(),
                "--data-dir",
                dataDir.toString(),
                "--admin-port",
                "0"));
        args.addAll(List.of(extraArgs));
        Launched launched = launch(args, clock);
        StructuredLog log = new StructuredLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), JSON);
        PrometheusMetrics metrics = new PrometheusMetrics();
        store = StoreOpening.startWithin(launched.store(), clock, metrics::registry, Duration.ZERO);
        assembly = ServerAssembly.build(launched.server(), TOOLS, Optional.of(store), log, JSON, clock, metrics);
        mcp = assembly.startHttp();
        store.await();
        admin = assembly.startAdmin(launched.admin(), McpUrls.of(Optional.of(publicUrl), "127.0.0.1", port));
    }

    private record Launched(ServerConfig server, StoreConfig store, AdminConfig admin) {}

    /** Runs the command line, keeping what {@code serve} would have started with. */
    private static Launched launch(List<String> args, Clock clock) {
        List<Launched> launched = new ArrayList<>();
        Launcher launcher = new Launcher() {
            @Override
            public int serve(ServerConfig server, StoreConfig store, AdminConfig admin, CliContext context) {
                launched.add(new Launched(server, store, admin));
                return 0;
            }

            @Override
            public int stdio(ServerConfig server, CliContext context) {
                throw new AssertionError("stdio was launched");
            }

            @Override
            public int warmUp(CliContext context) {
                throw new AssertionError("warm-up was launched");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                Map.of("CALCOM_MCP_ADMIN_TOKEN", ADMIN_TOKEN),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                TOOLS,
                JSON,
                clock,
                launcher,
                "java -jar server.jar",
                "test");
        int code = Cli.run(args, context);
        if (code != 0 || launched.size() != 1) {
            throw new AssertionError(
                    "serve " + args + " exited " + code + ":\n" + out.toString(StandardCharsets.UTF_8));
        }
        return launched.get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The issuer, {@code http://127.0.0.1:<port>}. */
    URI publicUrl() {
        return publicUrl;
    }

    /** The protected resource, the public {@code /mcp}. */
    URI resource() {
        return publicUrl.resolve("/mcp");
    }

    /** The admin API's base URL. */
    URI adminUrl() {
        return URI.create("http://127.0.0.1:" + admin.port());
    }

    /** The admin API's answer to {@code method path} with the admin token and a JSON body (null for none). */
    HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + ADMIN_TOKEN);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Everything the server logged so far. */
    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close();
        mcp.close();
        assembly.close();
        store.close();
    }
}

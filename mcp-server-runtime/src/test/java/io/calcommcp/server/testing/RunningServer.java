package io.calcommcp.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.ServerAssembly;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.engine.ArgumentChecker;
import io.calcommcp.server.engine.CallAdmission;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.engine.RequestBuilder;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.HttpHost;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.upstream.UpstreamClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The real HTTP server, in-process on a free loopback port, plus an SDK client connected to it. It
 * serves the catalog on the class path: the runtime's {@link TempoCatalog} in the runtime's tests,
 * the generated one in a module that serves generated tools.
 */
public final class RunningServer implements AutoCloseable {

    /** The API key tests configure; it must never show up in results or logs. */
    public static final String API_KEY = "tempo_test_0123456789abcdef_secret";

    private final HttpHost server;
    private final McpSyncClient client;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    /** Starts a server whose upstream is {@code upstream}, with the given timeouts. */
    public RunningServer(URI upstream, Duration connectTimeout, Duration readTimeout) throws IOException {
        this(ServerConfig.local(variable("API_KEY"), API_KEY, upstream).withTimeouts(connectTimeout, readTimeout));
    }

    /**
     * Starts a server with exactly this configuration (allowed hosts and origins, public URL);
     * it must listen on a loopback address, where the client connects.
     */
    public RunningServer(ServerConfig config) throws IOException {
        this(config, Clock.systemUTC());
    }

    /** Starts a server with this configuration, on this clock (for rate-limit resets). */
    public RunningServer(ServerConfig config, Clock clock) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StructuredLog log = new StructuredLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), json);
        ServerAssembly assembly = ServerAssembly.build(config, tools(json), Optional.empty(), log, json, clock);
        server = assembly.startHttp();
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                        .endpoint("/mcp")
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
    }

    /** Starts a server with default timeouts. */
    public RunningServer(URI upstream) throws IOException {
        this(upstream, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** The connected client. */
    public McpSyncClient client() {
        return client;
    }

    /** Calls a tool through MCP. */
    public McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    /** The MCP URL, for other clients. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port() + "/mcp");
    }

    /** The catalog's tools, prepared as the server prepares them. */
    public static ToolSet tools(ObjectMapper json) {
        return ToolSet.prepare(ServerAssembly.loadCatalog(), json);
    }

    /** The name of the catalog's environment variable {@code suffix}: {@code API_KEY} gives {@code TEMPO_API_KEY}. */
    public static String variable(String suffix) {
        return ServerAssembly.loadCatalog().profile().environmentVariable(suffix);
    }

    /** An engine for {@code tools} with the default limits, logging to {@code log}, for tests that wire their own transport. */
    public static ToolExecutor executor(ObjectMapper json, ToolSet tools, StructuredLog log) {
        return new ToolExecutor(
                json,
                tools.profile(),
                new ArgumentChecker(),
                new RequestBuilder(json),
                new UpstreamClient(
                        "the test API",
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        "test",
                        RequestLimits.DEFAULT_MAX_UPSTREAM_RESPONSE_BYTES),
                log,
                ServerConfig.DEFAULT_MAX_RESULT_BYTES,
                new CallAdmission(RequestLimits.DEFAULT_MAX_CONCURRENT_CALLS, Clock.systemUTC()),
                CallObserver.NONE,
                Clock.systemUTC());
    }

    /** The port. */
    public int port() {
        return server.port();
    }

    /** What the server logged so far. */
    public String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.closeGracefully();
        server.close();
    }
}

package io.calcommcp.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.ServerAssembly;
import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.http.HttpHost;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.metrics.PrometheusMetrics;
import io.calcommcp.server.store.EncryptionKey;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreLocation;
import io.calcommcp.server.store.StoreOpening;
import io.calcommcp.toolapi.ToolExposure;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The real server in account mode, in-process: a store in a data directory, MCP on a free port
 * (scoped URLs, and {@code /mcp} only with a single key), and the admin API on another, with a
 * clock the test controls. Stopping and starting it again on the same directory is a restart.
 */
public final class ScopedServer implements AutoCloseable {

    /** The admin token tests use. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Store store;
    private final ServerAssembly assembly;
    private final HttpHost mcp;
    private final HttpHost admin;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    /**
     * @param dataDir the store's directory (kept across restarts)
     * @param upstream the default API base URL
     * @param singleKey the key {@code /mcp} serves, if any
     */
    public ScopedServer(Path dataDir, URI upstream, Clock clock, Optional<String> singleKey) throws Exception {
        this(dataDir, upstream, clock, singleKey, RequestLimits.defaults());
    }

    /** As above, with these request limits (the server's default per-URL call limit among them). */
    public ScopedServer(Path dataDir, URI upstream, Clock clock, Optional<String> singleKey, RequestLimits limits)
            throws Exception {
        this(
                StoreLocation.embedded(dataDir),
                new EncryptionKey(RunningServer.variable("MCP_ENCRYPTION_KEY"), Optional.empty(), Optional.empty()),
                upstream,
                clock,
                singleKey,
                limits);
    }

    /** A server on the store at {@code location} (PostgreSQL, say), opened with {@code key}. */
    public ScopedServer(
            StoreLocation location,
            EncryptionKey key,
            URI upstream,
            Clock clock,
            Optional<String> singleKey,
            RequestLimits limits)
            throws Exception {
        StructuredLog log = new StructuredLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), JSON);
        PrometheusMetrics metrics = new PrometheusMetrics();
        store = Store.open(location, key, clock, Optional.of(metrics.registry()));
        ServerConfig config = new ServerConfig(
                singleKey,
                RunningServer.variable("API_KEY"),
                upstream,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                "127.0.0.1",
                0,
                List.of(),
                List.of(),
                Optional.empty(),
                ServerConfig.DEFAULT_MAX_RESULT_BYTES,
                ToolExposure.ALL,
                limits);
        assembly = ServerAssembly.build(
                config, RunningServer.tools(JSON), Optional.of(StoreOpening.of(store)), log, JSON, clock, metrics);
        mcp = assembly.startHttp();
        admin = assembly.startAdmin(
                new AdminConfig(Optional.of(ADMIN_TOKEN), RunningServer.variable("MCP_ADMIN_TOKEN"), "127.0.0.1", 0),
                McpUrls.of(Optional.empty(), "127.0.0.1", mcp.port()));
    }

    /** The MCP port. */
    public int port() {
        return mcp.port();
    }

    /** {@code url}'s token at this server's port. */
    public String urlWithToken(String url) {
        return "http://127.0.0.1:" + mcp.port() + "/mcp/" + url.substring(url.lastIndexOf('/') + 1);
    }

    /** A GET of {@code path} on the MCP port: /healthz, /readyz, /metrics. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mcp.port() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The admin API's base URL. */
    public URI adminUrl() {
        return URI.create("http://127.0.0.1:" + admin.port());
    }

    public Store store() {
        return store;
    }

    /** An admin API answer. */
    public record AdminAnswer(int status, JsonNode body, HttpResponse<String> response) {}

    /** Calls the admin API with the admin token; {@code body} may be null. */
    public AdminAnswer admin(String method, String path, String body) throws IOException, InterruptedException {
        return admin(method, path, body, ADMIN_TOKEN);
    }

    /** Calls the admin API with {@code token} (null for none). */
    public AdminAnswer admin(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(adminUrl().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new AdminAnswer(response.statusCode(), parsed, response);
    }

    /** Creates an account through the admin API and returns its id. */
    public String createAccount(String name, String apiKey, URI baseUrl) throws Exception {
        AdminAnswer answer = admin(
                "POST",
                "/integrated-account",
                JSON.writeValueAsString(
                        java.util.Map.of("name", name, "api_key", apiKey, "base_url", baseUrl.toString())));
        if (answer.status() != 201) {
            throw new AssertionError("account not created: " + answer.body());
        }
        return answer.body().get("id").asText();
    }

    /** Creates an MCP server through the admin API with this JSON body and returns the answer. */
    public JsonNode createMcpServer(String accountId, String bodyJson) throws Exception {
        AdminAnswer answer = admin("POST", "/integrated-account/" + accountId + "/mcp", bodyJson);
        if (answer.status() != 201) {
            throw new AssertionError("MCP server not created: " + answer.body());
        }
        return answer.body();
    }

    /** An MCP client connected to {@code url}, sending {@code authorization} if given. */
    public static McpSyncClient client(String url, Optional<String> authorization) {
        URI uri = URI.create(url);
        HttpRequest.Builder requests = HttpRequest.newBuilder();
        authorization.ifPresent(value -> requests.header("Authorization", value));
        McpSyncClient client = McpClient.sync(
                        HttpClientStreamableHttpTransport.builder(uri.getScheme() + "://" + uri.getRawAuthority())
                                .endpoint(uri.getRawPath())
                                .requestBuilder(requests)
                                .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }

    /** A raw POST of one JSON-RPC message to {@code url}; the status and body come back. */
    public static HttpResponse<String> post(String url, String json, Optional<String> authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the server logged so far. */
    public String log() {
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

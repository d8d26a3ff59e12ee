package io.calcommcp.server.oauth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.oauth.GuardDecision;
import io.calcommcp.server.oauth.KeyCheck;
import io.calcommcp.server.oauth.OAuthEndpoints;
import io.calcommcp.server.oauth.OAuthSettings;
import io.calcommcp.server.oauth.ResourceGuard;
import io.calcommcp.server.store.EncryptionKey;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreLocation;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ToolExposure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The authorization server on a real Jetty on a free loopback port, with a real H2 store, the fake
 * API behind it, and a stand-in for the MCP endpoint at {@code /mcp}: it asks the {@link
 * ResourceGuard} and, when allowed, makes one call to the fake API with the grant's key (as a tool
 * call would) and answers the tools the caller may use. A second stand-in at {@code /other/mcp}
 * guards another resource with the same store.
 */
public final class OAuthServer implements AutoCloseable {

    public static final String STORE_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    public static final String OTHER_RESOURCE = "https://elsewhere.example/mcp";

    public final MutableClock clock;
    public final FakeApi api;
    public final Store store;
    public final OAuthSettings settings;
    public final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private final Server server = new Server();
    private final OAuthEndpoints endpoints;
    private final ResourceGuard guard;

    /** A server with the default settings (but local client metadata documents allowed if asked). */
    public OAuthServer(Path dataDir) throws Exception {
        this(dataDir, UnaryOperator.identity());
    }

    /** A server whose settings {@code customize} changes. */
    public OAuthServer(Path dataDir, UnaryOperator<OAuthSettings> customize) throws Exception {
        this(StoreLocation.embedded(dataDir), customize, null);
    }

    /** A server on the store at {@code location}, with the key check {@code keyCheck} (null for the fake API's). */
    public OAuthServer(StoreLocation location, UnaryOperator<OAuthSettings> customize, KeyCheck keyCheck)
            throws Exception {
        clock = MutableClock.startingNow();
        api = new FakeApi();
        store = Store.open(location, new EncryptionKey("TEST_KEY", Optional.of(STORE_KEY), Optional.empty()), clock);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        PathMappingsHandler mappings = new PathMappingsHandler();
        server.setHandler(mappings);
        server.start();
        URI issuer = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        settings = customize.apply(OAuthSettings.of(issuer, TestTools.vendor()));
        StructuredLog log =
                new StructuredLog(new PrintStream(logged, true, StandardCharsets.UTF_8), new ObjectMapper());
        endpoints = new OAuthEndpoints(
                settings,
                () -> store,
                TestTools.all(),
                ToolExposure.ALL,
                keyCheck != null ? keyCheck : new ApiKeyCheck(api.baseUrl()),
                log,
                clock);
        endpoints.addTo(mappings);
        guard = new ResourceGuard(settings, () -> store, URI.create(api.baseUrl()), clock, Optional.empty(), 0, log);
        mappings.addMapping(PathSpec.from("/mcp"), new GuardedEndpoint(settings.resource()));
        mappings.addMapping(PathSpec.from("/other/mcp"), new GuardedEndpoint(URI.create(OTHER_RESOURCE)));
    }

    /** The public URL. */
    public URI issuer() {
        return settings.issuer();
    }

    /** A URL of this server. */
    public URI url(String pathAndQuery) {
        return URI.create(settings.issuer() + pathAndQuery);
    }

    /** What the server logged so far. */
    public String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** The stand-in MCP endpoint: the guard's decision, then one upstream call with the grant's key. */
    private final class GuardedEndpoint extends Handler.Abstract {
        private final URI resource;
        private final HttpClient http = HttpClient.newHttpClient();

        GuardedEndpoint(URI resource) {
            this.resource = resource;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            GuardDecision decision = guard.check(
                    Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)),
                    Optional.ofNullable(request.getHttpURI().getQuery()),
                    resource);
            String body;
            if (decision instanceof GuardDecision.Refused refused) {
                response.setStatus(refused.status());
                refused.headers().forEach((name, value) -> response.getHeaders().put(name, value));
                body = refused.body();
            } else {
                CallContext context = ((GuardDecision.Allowed) decision).context();
                HttpResponse<String> upstream = http.send(
                        HttpRequest.newBuilder(URI.create(context.account().baseUrl() + "/things"))
                                .header(
                                        "Authorization",
                                        "Bearer " + context.account().apiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                Map<String, Object> answer = Map.of(
                        "grant", ((GuardDecision.Allowed) decision).grantId(),
                        "tools",
                                TestTools.all().stream()
                                        .filter(context.scope()::allows)
                                        .map(ToolDefinition::name)
                                        .toList(),
                        "upstream", upstream.statusCode());
                response.setStatus(200);
                body = new ObjectMapper().writeValueAsString(answer);
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
            endpoints.close();
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop", e);
        } finally {
            store.close();
            api.close();
        }
    }
}

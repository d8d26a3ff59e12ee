package io.calcommcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.access.LastUsedRecorder;
import io.calcommcp.server.access.ScopedUrls;
import io.calcommcp.server.admin.AdminHttpService;
import io.calcommcp.server.admin.AdminService;
import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.config.OAuthConfig;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.ArgumentChecker;
import io.calcommcp.server.engine.CallAdmission;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.engine.RequestBuilder;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolScope;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.HealthHandler;
import io.calcommcp.server.http.HttpHost;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.mcp.McpToolSurface;
import io.calcommcp.server.metrics.MetricsHandler;
import io.calcommcp.server.metrics.PrometheusMetrics;
import io.calcommcp.server.oauth.KeyCheck;
import io.calcommcp.server.oauth.OAuthEndpoints;
import io.calcommcp.server.oauth.OAuthSettings;
import io.calcommcp.server.oauth.ResourceGuard;
import io.calcommcp.server.oauth.ToolKeyCheck;
import io.calcommcp.server.oauth.client.ClientMetadataDocuments;
import io.calcommcp.server.research.ResearchTools;
import io.calcommcp.server.stdio.StdioServer;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreOpening;
import io.calcommcp.server.transport.McpEndpoint;
import io.calcommcp.server.transport.RequestOriginPolicy;
import io.calcommcp.server.upstream.UpstreamClient;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.VendorProfile;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The composition root: builds the one object graph that every transport serves, from the
 * configuration, the generated catalog and (for scoped URLs) the store. The single-key mode is one
 * implicit account with every tool in scope, served through the same per-call path as every scoped
 * URL.
 */
public final class ServerAssembly implements AutoCloseable {

    /** The id of the single-key mode's implicit account, in logs. */
    public static final String DEFAULT_ACCOUNT = "default";

    /** The MCP endpoint's path; scoped URLs are {@code /mcp/<token>}. */
    public static final String MCP_PATH = "/mcp";

    private final ObjectMapper json;
    private final ServerConfig config;
    private final ToolSet tools;
    private final McpToolSurface surface;
    private final Optional<Account> singleKey;
    private final Optional<Supplier<Store>> store;
    private final Optional<LastUsedRecorder> lastUsed;
    private final StructuredLog log;
    private final Clock clock;
    private final PrometheusMetrics metrics;
    private final UpstreamClient upstream;
    private final Optional<KeyCheck> keyCheck;
    private volatile boolean draining;
    private volatile OAuthEndpoints oauthEndpoints;
    private volatile McpEndpoint mcpEndpoint;
    private volatile McpStatelessSyncServer mcpServer;
    private volatile HttpHost mcpHost;

    private ServerAssembly(
            ObjectMapper json,
            ServerConfig config,
            ToolSet tools,
            McpToolSurface surface,
            Optional<Supplier<Store>> store,
            StructuredLog log,
            Clock clock,
            PrometheusMetrics metrics,
            UpstreamClient upstream,
            Optional<KeyCheck> keyCheck) {
        this.json = json;
        this.keyCheck = keyCheck;
        this.upstream = upstream;
        this.metrics = metrics;
        this.config = config;
        this.tools = tools;
        this.surface = surface;
        this.singleKey = config.apiKey()
                .map(key -> new Account(DEFAULT_ACCOUNT, config.apiKeyVariable(), config.upstream(), key));
        this.store = store;
        this.lastUsed = store.map(s -> new LastUsedRecorder(() -> s.get().mcpServers(), clock));
        this.log = log;
        this.clock = clock;
    }

    /**
     * Wires the engine for {@code config} over {@code tools}.
     *
     * @param store the store whose accounts scoped URLs serve, which may still be opening (a
     *     {@link io.calcommcp.server.store.StoreOpening}); empty for single-key mode only
     */
    public static ServerAssembly build(
            ServerConfig config,
            ToolSet tools,
            Optional<? extends Supplier<Store>> store,
            StructuredLog log,
            ObjectMapper json,
            Clock clock) {
        return build(config, tools, store, log, json, clock, new PrometheusMetrics());
    }

    /**
     * {@link #build(ServerConfig, ToolSet, Optional, StructuredLog, ObjectMapper, Clock)} reporting
     * to {@code metrics}, which the store's connection pool may report to as well.
     */
    public static ServerAssembly build(
            ServerConfig config,
            ToolSet tools,
            Optional<? extends Supplier<Store>> store,
            StructuredLog log,
            ObjectMapper json,
            Clock clock,
            PrometheusMetrics metrics) {
        VendorProfile profile = tools.profile();
        UpstreamClient upstream = new UpstreamClient(
                "the " + profile.displayName() + " API",
                config.connectTimeout(),
                config.readTimeout(),
                profile.serverName() + "/" + ServerVersion.current(),
                config.limits().maxUpstreamResponseBytes(),
                config.limits().maxConcurrentCalls());
        ToolExecutor executor = new ToolExecutor(
                json,
                profile,
                new ArgumentChecker(),
                new RequestBuilder(json),
                upstream,
                log,
                config.maxResultBytes(),
                new CallAdmission(config.limits().maxConcurrentCalls(), clock),
                metrics,
                clock);
        Optional<Supplier<Store>> stores = store.map(s -> s);
        Optional<ResearchTools> research =
                config.searchTools() ? ResearchTools.of(tools, executor, json) : Optional.empty();
        // A person's key is checked with the profile's key-check tool, through the engine like any call.
        Optional<KeyCheck> keyCheck = profile.keyCheckTool()
                .map(name -> new ToolKeyCheck(
                        tools.find(name)
                                .orElseThrow(() -> new IllegalStateException("The profile's key-check tool " + name
                                        + " is not in the catalog: regenerate the catalog and its profile together")),
                        executor,
                        config.upstream(),
                        profile.displayName()));
        return new ServerAssembly(
                json,
                config,
                tools,
                new McpToolSurface(tools, executor, json, research),
                stores,
                log,
                clock,
                metrics,
                upstream,
                keyCheck);
    }

    /** {@link #build} with a store that is open already. */
    public static ServerAssembly withOpenStore(
            ServerConfig config, ToolSet tools, Store store, StructuredLog log, ObjectMapper json, Clock clock) {
        return build(config, tools, Optional.of(StoreOpening.of(store)), log, json, clock);
    }

    /** {@link #build} for the single-key mode, without a store. */
    public static ServerAssembly build(ServerConfig config, ToolSet tools, StructuredLog log, ObjectMapper json) {
        return build(config, tools, Optional.<StoreOpening>empty(), log, json, Clock.systemUTC());
    }

    /**
     * The catalog the generated package registered ({@code META-INF/services}).
     *
     * @throws IllegalStateException if there is none, or more than one
     */
    public static ToolCatalog loadCatalog() {
        List<ToolCatalog> catalogs = ServiceLoader.load(ToolCatalog.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        if (catalogs.size() != 1) {
            throw new IllegalStateException("Expected exactly one generated tool catalog on the class path, found "
                    + catalogs.size() + ": build the server with the code generator's output (./mvnw package)");
        }
        return catalogs.get(0);
    }

    /** The tools as MCP serves them. */
    public McpToolSurface surface() {
        return surface;
    }

    /** Whether {@code /mcp} serves a single API key. */
    public boolean servesSingleKey() {
        return singleKey.isPresent();
    }

    /** Whether {@code /mcp} is an OAuth-protected resource, with the authorization server beside it. */
    public boolean servesOAuth() {
        return config.oauth().isPresent();
    }

    /**
     * Starts MCP over HTTP at {@code /mcp} and {@code /mcp/<token>}, with health checks and metrics:
     * the SDK's stateless server on our transport, each service one handler at its path. With
     * OAuth, the authorization server's endpoints are served beside them and {@code /mcp} demands
     * an access token, which the {@link ResourceGuard} turns into its grant's caller.
     */
    public HttpHost startHttp() throws IOException {
        RequestOriginPolicy origins =
                new RequestOriginPolicy(config.allowedHosts(), config.allowedOrigins(), config.publicUrl());
        Optional<ScopedUrls> scoped = store.map(s -> new ScopedUrls(
                s,
                config.upstream(),
                clock,
                lastUsed.orElseThrow(),
                config.limits().maxCallsPerMinute()));
        Optional<OAuthSettings> oauthSettings = config.oauth().map(this::oauthSettings);
        Optional<OAuthEndpoints> oauth = oauthSettings.map(this::oauthEndpoints);
        Optional<McpCallers.ProtectedResource> resource = oauthSettings.map(this::protectedResource);
        McpCallers callers = new McpCallers(
                singleKey,
                config.toolExposure(),
                scoped,
                config.apiKeyVariable(),
                config.limits().maxCallsPerMinute(),
                resource);
        JacksonMcpJsonMapper answers = new JacksonMcpJsonMapper(json);
        McpEndpoint endpoint = new McpEndpoint(
                MCP_PATH,
                answers,
                origins.validator(),
                callers,
                surface::refusal,
                config.limits(),
                log,
                metrics,
                this::afterFirstAnswer);
        McpStatelessSyncServer mcp = surface.statelessServer(endpoint, ServerVersion.current(), answers);
        HttpHost host;
        try {
            HttpHost.Builder routes = HttpHost.on(config.host(), config.port(), "mcp")
                    .limits(config.limits())
                    .log(log)
                    .observer(metrics)
                    .trustForwardedHeaders(config.trustForwardedHeaders())
                    .route(MCP_PATH + "/*", endpoint)
                    .route(HealthHandler.PATH, HealthHandler.alive())
                    .route(HealthHandler.READY_PATH, HealthHandler.ready(this::notReadyBecause))
                    .route(MetricsHandler.PATH, new MetricsHandler(metrics));
            oauth.ifPresent(endpoints -> endpoints.handlers().forEach(routes::route));
            host = routes.start();
        } catch (IOException | RuntimeException e) {
            mcp.close();
            oauth.ifPresent(ServerAssembly::closeQuietly);
            throw e;
        }
        oauthEndpoints = oauth.orElse(null);
        mcpEndpoint = endpoint;
        mcpServer = mcp;
        mcpHost = host;
        return host;
    }

    /** The authorization server's settings: the operator's choices, over the defaults. */
    private OAuthSettings oauthSettings(OAuthConfig oauth) {
        ClientMetadataDocuments.Limits documents = ClientMetadataDocuments.Limits.defaults();
        return OAuthSettings.of(oauth.issuer(), tools.profile())
                .withRedirects(oauth.redirects())
                .withDocuments(oauth.allowPrivateClientMetadata() ? documents.allowingLocalAddresses() : documents);
    }

    /** The authorization server's endpoints, which store grants and tokens in the store. */
    private OAuthEndpoints oauthEndpoints(OAuthSettings settings) {
        return new OAuthEndpoints(
                settings,
                oauthStore(),
                tools.tools().stream().map(PreparedTool::definition).toList(),
                config.toolExposure(),
                keyCheck.orElseThrow(() -> new IllegalStateException(
                        "OAuth needs the profile's key-check tool, to check a person's key before it is stored")),
                log,
                clock);
    }

    /** {@code /mcp}, guarded: a bearer token issued for the public {@code /mcp} names its grant's caller. */
    private McpCallers.ProtectedResource protectedResource(OAuthSettings settings) {
        ResourceGuard guard = new ResourceGuard(
                settings,
                oauthStore(),
                config.upstream(),
                clock,
                lastUsed,
                config.limits().maxCallsPerMinute(),
                log);
        return new McpCallers.ProtectedResource(guard, settings.resource());
    }

    private Supplier<Store> oauthStore() {
        return store.orElseThrow(() -> new IllegalStateException("OAuth keeps its grants in the store: give it one"));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing after a failed start: the start's failure is the one to report.
        }
    }

    /**
     * Work that start-up leaves until the first answer is out, because on one CPU it would only
     * delay that answer: opening the store, and the JVM's meters (on a thread of their own).
     */
    private void afterFirstAnswer() {
        store.ifPresent(s -> {
            if (s instanceof StoreOpening opening) {
                opening.begin();
            }
        });
        Thread meters = new Thread(metrics::bindJvmMeters, "jvm-meters");
        meters.setDaemon(true);
        meters.start();
    }

    /**
     * Starts the admin API on its own listener.
     *
     * @param urls how the URLs of new scoped servers are shown
     * @throws IllegalStateException without a store or an admin token
     */
    public HttpHost startAdmin(AdminConfig admin, McpUrls urls) throws IOException {
        Store opened = store.orElseThrow(() -> new IllegalStateException("the admin API needs the store"))
                .get();
        AdminService service = new AdminService(
                opened, tools.tools().stream().map(PreparedTool::definition).toList(), clock, urls);
        AdminHttpService http = new AdminHttpService(
                service, admin.token().orElseThrow(), admin.tokenVariable(), json, log, config.limits());
        return HttpHost.on(admin.host(), admin.port(), "admin")
                .limits(config.limits())
                .log(log)
                .observer(metrics)
                .route("/*", http)
                .start();
    }

    /**
     * Why this server should get no traffic now, as {@code /readyz} says: shutting down, or its
     * store still opening, failed or unreachable. The single-key mode without a store is ready
     * once it listens.
     */
    public Optional<String> notReadyBecause() {
        if (draining) {
            return Optional.of("shutting_down");
        }
        if (store.isPresent() && store.get() instanceof StoreOpening opening) {
            return opening.notReadyBecause();
        }
        return Optional.empty();
    }

    /**
     * The first half of a graceful shutdown: {@code /readyz} turns not-ready, new MCP requests are
     * refused with 503 and the listener stops accepting connections; calls already running get up
     * to {@code grace} to finish.
     *
     * @return how many requests were still running when the grace ran out (0: all finished)
     */
    public int drain(Duration grace) throws InterruptedException {
        draining = true;
        McpEndpoint endpoint = mcpEndpoint;
        if (endpoint == null) {
            return 0;
        }
        endpoint.closeGracefully().block();
        mcpHost.pause();
        long deadline = System.nanoTime() + grace.toNanos();
        while (endpoint.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return endpoint.inFlight();
    }

    /** The context of a call by the single-key caller of stdio: the implicit account, every tool. */
    private CallContext implicitCaller() {
        return CallContext.of(
                        singleKey.orElseThrow(() -> new IllegalStateException("stdio serves a single API key")),
                        ToolScope.ALL,
                        config.toolExposure())
                .withMaxCallsPerMinute(config.limits().maxCallsPerMinute());
    }

    /** Serves MCP over stdin/stdout until stdin closes. */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        StdioServer.serveUntilEof(surface, ServerVersion.current(), this::implicitCaller, json, in, out);
    }

    /**
     * Stops the background writer of last-used times, the MCP server and the metrics, and closes
     * idle upstream connections; the listeners and the store are the caller's to close.
     */
    @Override
    public void close() {
        lastUsed.ifPresent(LastUsedRecorder::close);
        McpStatelessSyncServer mcp = mcpServer;
        if (mcp != null) {
            mcp.close();
        }
        OAuthEndpoints oauth = oauthEndpoints;
        if (oauth != null) {
            closeQuietly(oauth);
        }
        metrics.close();
        upstream.close();
    }
}

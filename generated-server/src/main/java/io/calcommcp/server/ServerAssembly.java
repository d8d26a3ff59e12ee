package io.calcommcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.ArgumentChecker;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.RequestBuilder;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolScope;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.CallerResolution;
import io.calcommcp.server.http.HealthService;
import io.calcommcp.server.http.HttpServerHost;
import io.calcommcp.server.http.McpHttpService;
import io.calcommcp.server.http.RequestOriginPolicy;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.mcp.McpToolSurface;
import io.calcommcp.server.stdio.StdioServer;
import io.calcommcp.server.upstream.UpstreamClient;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.VendorProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The composition root: builds the one object graph that both transports serve, from the
 * configuration and the generated catalog. The server started with one API key serves one
 * implicit account with every tool in scope, through the same per-call path every other caller
 * takes.
 */
public final class ServerAssembly {

    /** The id of the implicit account of the single-key mode, in logs. */
    public static final String DEFAULT_ACCOUNT = "default";

    private final ObjectMapper json;
    private final ServerConfig config;
    private final McpToolSurface surface;
    private final Account account;

    private ServerAssembly(ObjectMapper json, ServerConfig config, McpToolSurface surface, Account account) {
        this.json = json;
        this.config = config;
        this.surface = surface;
        this.account = account;
    }

    /** Wires the engine for {@code config} over {@code tools}. */
    public static ServerAssembly build(ServerConfig config, ToolSet tools, StructuredLog log, ObjectMapper json) {
        VendorProfile profile = tools.profile();
        UpstreamClient upstream = new UpstreamClient(
                "the " + profile.displayName() + " API",
                config.connectTimeout(),
                config.readTimeout(),
                profile.serverName() + "/" + ServerVersion.current());
        ToolExecutor executor =
                new ToolExecutor(json, profile, new ArgumentChecker(), new RequestBuilder(json), upstream, log);
        Account account = new Account(DEFAULT_ACCOUNT, config.apiKeyVariable(), config.upstream(), config.apiKey());
        return new ServerAssembly(json, config, new McpToolSurface(tools, executor, json), account);
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

    /** The context of a call by the single-key caller: the implicit account, every tool. */
    CallContext implicitCaller() {
        return CallContext.of(account, ToolScope.ALL);
    }

    /** Starts MCP over HTTP at {@code /mcp}, with health checks, as the configuration says. */
    public HttpServerHost startHttp() throws IOException {
        RequestOriginPolicy origins =
                new RequestOriginPolicy(config.allowedHosts(), config.allowedOrigins(), config.publicUrl());
        McpHttpService mcp = new McpHttpService(
                surface,
                ServerVersion.current(),
                origins,
                (token, request) -> new CallerResolution.Caller(implicitCaller()),
                json);
        return HttpServerHost.start(config.host(), config.port(), List.of(mcp, new HealthService()));
    }

    /** Serves MCP over stdin/stdout until stdin closes. */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        StdioServer.serveUntilEof(surface, ServerVersion.current(), this::implicitCaller, json, in, out);
    }
}

package io.calcommcp.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.mcp.McpToolSurface;
import io.calcommcp.server.mcp.SchemasCheckedAtBuild;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * MCP over Streamable HTTP at {@code /mcp} and {@code /mcp/<token>}.
 *
 * <p><b>Stateless, on purpose.</b> The server keeps no MCP session: every POST carries a complete
 * JSON-RPC request and gets its complete answer, no {@code Mcp-Session-Id} is issued and GET (the
 * server-to-client stream) answers 405. The tools are single request/response calls that never
 * need server-initiated messages (sampling, elicitation, progress), so a session would buy nothing,
 * while it would pin each client to the replica that created it: with several replicas behind a
 * load balancer a session-based server needs sticky routing or a shared session store, and loses
 * every session when a replica restarts. Stateless requests can go to any replica.
 *
 * <p>Who is calling is decided per request by the {@link CallerResolver}, and travels to the tools
 * in the SDK's transport context; one SDK server serves every caller.
 */
public final class McpHttpService implements HttpService {

    /** The MCP endpoint path; scoped URLs are {@code /mcp/<token>}. */
    public static final String PATH = "/mcp";

    private final McpEndpoint endpoint;
    private final McpStatelessSyncServer mcp;

    /**
     * @param surface the tools to serve
     * @param version the server version for {@code serverInfo}
     * @param origins which Host and Origin headers are accepted
     * @param callers who is calling, decided from each HTTP request
     * @param limits how large a request may be and how long it may take to arrive
     * @param log where refused requests are logged
     * @param observer counts requests and refusals, for metrics
     * @param afterFirstAnswer runs once, when the first MCP request has been answered
     */
    public McpHttpService(
            McpToolSurface surface,
            String version,
            RequestOriginPolicy origins,
            CallerResolver callers,
            ObjectMapper json,
            RequestLimits limits,
            StructuredLog log,
            CallObserver observer,
            Runnable afterFirstAnswer) {
        this.endpoint =
                new McpEndpoint(json, origins.validator(), callers, surface, limits, log, observer, afterFirstAnswer);
        this.mcp = McpServer.sync(endpoint)
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .serverInfo(surface.serverName(), version)
                .instructions(surface.instructions())
                // The SDK answers initialize, ping and the rest; tools/list and tools/call are the
                // endpoint's (for each request's caller), so the SDK is given no tools of its own.
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(false)
                .jsonSchemaValidator(SchemasCheckedAtBuild.INSTANCE)
                // The connection's thread blocks for the answer anyway; running the tool on it saves a hand-off.
                .immediateExecution(true)
                .build();
    }

    /** MCP requests being handled now. */
    public int inFlight() {
        return endpoint.inFlight();
    }

    /** From now on, new MCP requests are answered 503 {@code shutting_down}; those running finish. */
    public void stopTakingRequests() {
        endpoint.closeGracefully().block();
    }

    @Override
    public void register(Routes routes) {
        routes.add(endpoint, PATH, PATH + "/*");
    }

    @Override
    public void close() {
        mcp.closeGracefully();
    }
}

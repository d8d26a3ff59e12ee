package io.calcommcp.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolResult;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.research.ResearchTool;
import io.calcommcp.server.research.ResearchTools;
import io.calcommcp.toolapi.ToolExposure;
import io.calcommcp.toolapi.ToolHints;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every transport serves: the prepared tools as MCP tools, each call run by the engine for the
 * caller of that request, and the server's own tools beside them ({@link MetaToolSet}). Each tool's
 * MCP form and call handler are made once, here ({@link McpTool}), and handed to the SDK's
 * stateless server over HTTP and to its session server over stdio alike.
 *
 * <p>The server's {@code search} and {@code fetch} ({@link ResearchTools}) sit beside the catalog
 * tools, listed to each caller whose scope may list what they search, in either exposure.
 *
 * <p>A tool outside the caller's scope is hidden from {@code tools/list} (the SDK's tool filter)
 * and refused on {@code tools/call} as an unknown tool (the SDK's filter does not cover calls), so a
 * scoped caller cannot tell it exists; in discovery mode the catalog tools are hidden and refused
 * the same way, and the caller reaches them through the search, schema and call tools. Built once at
 * start-up; one instance serves every caller.
 */
public final class McpToolSurface {

    /** The {@code _meta} key of a success's rate limits. */
    public static final String RATE_LIMIT = "rateLimit";

    private static final TypeReference<Map<String, Object>> SCHEMA = new TypeReference<>() {};

    /** Names longer than this are cut in the unknown-tool message: it is the client's own text. */
    private static final int MAX_NAME_SHOWN = 128;

    /**
     * One tool as MCP serves it.
     *
     * @param tool its listing, as the SDK writes it
     * @param shownTo whether a caller sees (and may call) it
     * @param call runs it for a caller; the caller has been checked against {@code shownTo}
     */
    private record McpTool(
            McpSchema.Tool tool,
            Predicate<CallContext> shownTo,
            BiFunction<McpSchema.CallToolRequest, CallContext, ToolResult> call) {}

    private final ToolSet tools;
    private final MetaToolSet metaTools;
    private final List<McpTool> mcpTools;
    private final Map<String, McpTool> byName = new HashMap<>();

    /** The surface with the server's search and fetch tools, where the profile names something to search. */
    public McpToolSurface(ToolSet tools, ToolExecutor executor, ObjectMapper json) {
        this(tools, executor, json, ResearchTools.of(tools, executor, json));
    }

    /**
     * @param research the server's {@code search} and {@code fetch} tools; empty for neither. They
     *     are listed to every caller whose scope may list one of their sources, whatever its tool
     *     exposure: clients that use them (ChatGPT's deep research) look for them by name.
     */
    public McpToolSurface(ToolSet tools, ToolExecutor executor, ObjectMapper json, Optional<ResearchTools> research) {
        this.tools = tools;
        this.metaTools = new MetaToolSet(tools, executor, json);
        List<McpTool> all = new ArrayList<>();
        for (PreparedTool tool : tools.tools()) {
            all.add(new McpTool(
                    sdkTool(ToolListing.of(tool.definition()), json),
                    caller -> shows(tool, caller),
                    (request, caller) -> executor.call(tool, request.arguments(), caller)));
        }
        research.ifPresent(found -> {
            for (ResearchTool tool : found.tools()) {
                all.add(new McpTool(
                        sdkTool(
                                new ToolListing(
                                        tool.name(),
                                        tool.title(),
                                        tool.description(),
                                        tool.inputSchema(),
                                        tool.hints()),
                                json),
                        found::shown,
                        (request, caller) -> found.call(tool.name(), request.arguments(), caller)));
            }
        });
        for (MetaToolSet.MetaTool tool : metaTools.all()) {
            all.add(new McpTool(
                    sdkTool(tool.listing(), json),
                    caller -> MetaToolSet.shown(tool, caller.exposure()),
                    (request, caller) -> tool.handler()
                            .apply(request.arguments() == null ? Map.of() : request.arguments(), caller)));
        }
        this.mcpTools = List.copyOf(all);
        mcpTools.forEach(tool -> byName.put(tool.tool().name(), tool));
    }

    /** The tools, in catalog order. */
    public ToolSet tools() {
        return tools;
    }

    /** The server's name as clients see it in {@code serverInfo}. */
    public String serverName() {
        return tools.profile().serverName();
    }

    /** What the model is told about the server in {@code initialize}. */
    public String instructions() {
        return tools.profile().instructions();
    }

    /**
     * The SDK's stateless server on {@code transport}, holding every tool once: {@code tools/list}
     * shows each request's caller its own tools, and {@code tools/call} runs a tool for the caller
     * its transport put into the request's context.
     *
     * @param version the server version for {@code serverInfo}
     * @param answers the JSON mapper the SDK reads requests and writes answers with
     */
    public McpStatelessSyncServer statelessServer(
            McpStatelessServerTransport transport, String version, McpJsonMapper answers) {
        List<McpStatelessServerFeatures.SyncToolSpecification> specifications = new ArrayList<>();
        for (McpTool tool : mcpTools) {
            specifications.add(new McpStatelessServerFeatures.SyncToolSpecification(
                    tool.tool(), (transportContext, request) -> call(tool, request, contextOf(transportContext))));
        }
        return McpServer.sync(transport)
                .jsonMapper(answers)
                .serverInfo(serverName(), version)
                .instructions(instructions())
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(specifications)
                .addToolFilter((transportContext, tool) -> visible(tool.name(), contextOf(transportContext)))
                // Arguments are checked by the engine (ArgumentChecker), with messages for a model.
                .validateToolInputs(false)
                .jsonSchemaValidator(SchemasCheckedAtBuild.INSTANCE)
                // The request's thread waits for the answer anyway; running the tool on it saves a hand-off.
                .immediateExecution(true)
                .build();
    }

    /**
     * The SDK's session server on {@code transport} (stdio), whose caller is the one process at the
     * other end: {@code caller} makes each call's context, and the tools are the ones that caller is
     * shown.
     */
    public McpSyncServer sessionServer(
            McpServerTransportProvider transport, String version, Supplier<CallContext> caller) {
        return McpServer.sync(transport)
                .serverInfo(serverName(), version)
                .instructions(instructions())
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(sessionSpecifications(caller))
                .validateToolInputs(false)
                .jsonSchemaValidator(SchemasCheckedAtBuild.INSTANCE)
                .build();
    }

    /** The tools {@link #sessionServer} serves {@code caller}: those it is shown, in list order. */
    public List<McpServerFeatures.SyncToolSpecification> sessionSpecifications(Supplier<CallContext> caller) {
        CallContext shownTo = caller.get();
        List<McpServerFeatures.SyncToolSpecification> specifications = new ArrayList<>();
        for (McpTool tool : mcpTools) {
            if (tool.shownTo().test(shownTo)) {
                specifications.add(McpServerFeatures.SyncToolSpecification.builder()
                        .tool(tool.tool())
                        .callHandler((exchange, request) -> call(tool, request, caller.get()))
                        .build());
            }
        }
        return specifications;
    }

    /**
     * Why {@code caller} may not call {@code name}: it is no tool of this server, or one outside
     * the caller's scope; the two are refused alike. Empty when the call may go on.
     */
    public Optional<McpError> refusal(String name, CallContext caller) {
        return visible(name, caller) ? Optional.empty() : Optional.of(unknownTool(name, caller));
    }

    private boolean visible(String name, CallContext caller) {
        McpTool tool = byName.get(name);
        return tool != null && tool.shownTo().test(caller);
    }

    private static boolean shows(PreparedTool tool, CallContext context) {
        return context.exposure() == ToolExposure.ALL && context.scope().allows(tool.definition());
    }

    /** The caller that the transport put into the request's context. */
    public static CallContext contextOf(McpTransportContext transport) {
        Object context = transport == null ? null : transport.get(CallContext.TRANSPORT_KEY);
        if (context instanceof CallContext callContext) {
            return callContext;
        }
        // A transport that does not say who is calling must not get anyone's credentials.
        throw new IllegalStateException("no caller in the transport context");
    }

    private CallToolResult call(McpTool tool, McpSchema.CallToolRequest request, CallContext caller) {
        if (!tool.shownTo().test(caller)) {
            throw unknownTool(request.name(), caller);
        }
        return toMcpResult(tool.call().apply(request, caller));
    }

    /**
     * The SDK's error code for a name it does not know, with a message that names the tool the
     * client called (a model reads the message, and took the SDK's {@code invalid_tool_name} for the
     * name it had used) and says where the callable ones are listed.
     */
    private McpError unknownTool(String name, CallContext caller) {
        String shown = name.length() > MAX_NAME_SHOWN ? name.substring(0, MAX_NAME_SHOWN) + "..." : name;
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                .message("Unknown tool: " + shown + ". " + metaTools.findHint(caller))
                .data("Tool not found: " + shown)
                .build();
    }

    /**
     * The MCP result. A success's rate limits go into {@code _meta.rateLimit}, beside the API's
     * own answer rather than inside it; a failure has them in its error already. When the text is
     * exactly the structured content's JSON (the API's answer, passed on), that text is written as
     * the structured content as it is, instead of the tree being parsed and serialized again.
     */
    private static CallToolResult toMcpResult(ToolResult result) {
        String text = result.text();
        CallToolResult.Builder builder = CallToolResult.builder()
                .content(List.of(TextContent.builder(text).build()))
                .structuredContent(
                        result.textIsStructuredJson() ? new RawValue(new RawJson(result.json())) : result.structured())
                .isError(result.isError());
        if (!result.isError()) {
            result.rateLimit().ifPresent(limits -> builder.meta(Map.of(RATE_LIMIT, limits)));
        }
        return builder.build();
    }

    /**
     * The SDK's form of a listed tool, no second copy of the title. Its schema is read from the
     * text straight into the maps the SDK holds, without a tree in between: for a hundred generated
     * tools the tree and its copy were a tenth of a start on one CPU.
     */
    static McpSchema.Tool sdkTool(ToolListing listing, ObjectMapper json) {
        Map<String, Object> inputSchema;
        try {
            inputSchema = json.readValue(listing.inputSchema(), SCHEMA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The input schema of " + listing.name() + " is not a JSON object", e);
        }
        ToolHints h = listing.hints();
        return McpSchema.Tool.builder(listing.name(), inputSchema)
                .title(listing.title())
                .description(listing.description())
                .annotations(new McpSchema.ToolAnnotations(
                        null, h.readOnly(), h.destructive(), h.idempotent(), h.openWorld(), null))
                .build();
    }
}

package io.calcommcp.server.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolResult;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.toolapi.ToolExposure;
import io.calcommcp.toolapi.ToolHints;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every transport serves: the prepared tools as MCP tools, each call run by the engine for the
 * caller of that request, and the server's own tools beside them ({@link MetaToolSet}). A tool
 * outside the caller's scope is hidden from {@code tools/list} and refused on {@code tools/call}
 * exactly as an unknown tool is, so a scoped caller cannot tell it exists; in discovery mode the
 * catalog tools are hidden and refused the same way, and the caller reaches them through the
 * search, schema and call tools. Built once at start-up; one instance serves every caller.
 */
public final class McpToolSurface {

    /** The {@code _meta} key of a success's rate limits. */
    public static final String RATE_LIMIT = "rateLimit";

    /** The key of the {@link CallContext} in the SDK's transport context. */
    public static final String CONTEXT_KEY = CallContext.class.getName();

    private final ToolSet tools;
    private final ToolExecutor executor;
    private final MetaToolSet metaTools;
    private final ObjectMapper json;
    private final ToolListAnswer toolList;

    public McpToolSurface(ToolSet tools, ToolExecutor executor, ObjectMapper json) {
        this.json = json;
        this.tools = tools;
        this.executor = executor;
        this.metaTools = new MetaToolSet(tools, executor, json);
        List<ToolListAnswer.Entry> listed = new ArrayList<>();
        for (PreparedTool tool : tools.tools()) {
            listed.add(new ToolListAnswer.Entry(
                    caller -> shows(tool, caller),
                    () -> ToolListAnswer.write(ToolListAnswer.Listing.of(tool.definition()), json.getFactory())));
        }
        for (MetaToolSet.MetaTool tool : metaTools.all()) {
            listed.add(new ToolListAnswer.Entry(
                    caller -> MetaToolSet.shown(tool, caller.exposure()),
                    () -> ToolListAnswer.write(tool.listing(), json.getFactory())));
        }
        this.toolList = new ToolListAnswer(listed);
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
     * Tool specifications for the session (stdio) server, whose caller is the one process at the
     * other end: {@code caller} makes each call's context, and the tools are the ones that caller
     * is shown. (Over HTTP the SDK has none: {@link #toolListAnswer} and {@link #callTool} serve
     * {@code tools/list} and {@code tools/call} for the caller of each request.)
     */
    public List<McpServerFeatures.SyncToolSpecification> sessionSpecifications(Supplier<CallContext> caller) {
        CallContext shownTo = caller.get();
        List<McpServerFeatures.SyncToolSpecification> specifications = new ArrayList<>();
        for (PreparedTool tool : tools.tools()) {
            if (shows(tool, shownTo)) {
                specifications.add(McpServerFeatures.SyncToolSpecification.builder()
                        .tool(toMcpTool(tool))
                        .callHandler((exchange, request) -> call(tool, request, caller.get()))
                        .build());
            }
        }
        for (MetaToolSet.MetaTool tool : metaTools.all()) {
            if (MetaToolSet.shown(tool, shownTo.exposure())) {
                specifications.add(McpServerFeatures.SyncToolSpecification.builder()
                        .tool(metaTools.mcp(tool))
                        .callHandler((exchange, request) -> call(tool, request, caller.get()))
                        .build());
            }
        }
        return specifications;
    }

    /**
     * The JSON-RPC answer to a {@code tools/list} of {@code caller}, for transports that write the
     * answer themselves: the tools {@link #sessionSpecifications} gives the SDK for that caller, in
     * the same order and the same shape.
     *
     * @param id the request's id, already as JSON ({@code 7} or {@code "abc"})
     */
    public byte[] toolListAnswer(String id, CallContext caller) {
        return toolList.answer(id, caller);
    }

    private static boolean shows(PreparedTool tool, CallContext context) {
        return context.exposure() == ToolExposure.ALL && context.scope().allows(tool.definition());
    }

    /** The caller that the transport put into the request's context. */
    public static CallContext contextOf(McpTransportContext transport) {
        Object context = transport == null ? null : transport.get(CONTEXT_KEY);
        if (context instanceof CallContext callContext) {
            return callContext;
        }
        // A transport that does not say who is calling must not get anyone's credentials.
        throw new IllegalStateException("no caller in the transport context");
    }

    private CallToolResult call(PreparedTool tool, McpSchema.CallToolRequest request, CallContext context) {
        if (!shows(tool, context)) {
            throw unknownTool(request.name());
        }
        return toMcpResult(executor.call(tool, request.arguments(), context));
    }

    private CallToolResult call(MetaToolSet.MetaTool tool, McpSchema.CallToolRequest request, CallContext context) {
        if (!MetaToolSet.shown(tool, context.exposure())) {
            throw unknownTool(request.name());
        }
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        return toMcpResult(tool.handler().apply(arguments, context));
    }

    /**
     * A {@code tools/call} handled without the SDK's request and result objects, for transports
     * that write the answer themselves ({@link ToolCallAnswer}): the same checks and the same
     * refusals as through the SDK.
     *
     * @param arguments the call's arguments as parsed, or null
     * @throws McpError for a tool the caller is not shown, exactly as the SDK refuses an unknown one
     */
    public ToolResult callTool(String name, JsonNode arguments, CallContext context) {
        Optional<PreparedTool> catalogTool = tools.find(name);
        if (catalogTool.isPresent()) {
            if (!shows(catalogTool.get(), context)) {
                throw unknownTool(name);
            }
            return executor.call(catalogTool.get(), arguments, context);
        }
        for (MetaToolSet.MetaTool tool : metaTools.all()) {
            if (tool.listing().name().equals(name) && MetaToolSet.shown(tool, context.exposure())) {
                Map<String, Object> map = arguments == null || !arguments.isObject()
                        ? Map.of()
                        : json.convertValue(arguments, new TypeReference<Map<String, Object>>() {});
                return tool.handler().apply(map, context);
            }
        }
        throw unknownTool(name);
    }

    /** The SDK's own answer for a name it does not know, word for word. */
    private static McpError unknownTool(String name) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                .message("Unknown tool: invalid_tool_name")
                .data("Tool not found: " + name)
                .build();
    }

    /**
     * The MCP result. A success's rate limits go into {@code _meta.rateLimit}, beside the API's
     * own answer rather than inside it; a failure has them in its error already.
     */
    private static CallToolResult toMcpResult(ToolResult result) {
        CallToolResult.Builder builder = CallToolResult.builder()
                .content(List.of(TextContent.builder(result.text()).build()))
                .structuredContent(result.structured())
                .isError(result.isError());
        if (!result.isError()) {
            result.rateLimit().ifPresent(limits -> builder.meta(Map.of(RATE_LIMIT, limits)));
        }
        return builder.build();
    }

    /**
     * The tool as {@code tools/list} shows it: its advertised description and schema (every call
     * is still checked against the full one) and its hints.
     */
    private static McpSchema.Tool toMcpTool(PreparedTool tool) {
        return sdkTool(ToolListAnswer.Listing.of(tool.definition()), JsonMaps.of(tool.advertisedSchema()));
    }

    /** The SDK's form of a listed tool, with its schema already parsed; no second copy of the title. */
    static McpSchema.Tool sdkTool(ToolListAnswer.Listing listing, Map<String, Object> inputSchema) {
        ToolHints h = listing.hints();
        return McpSchema.Tool.builder(listing.name(), inputSchema)
                .title(listing.title())
                .description(listing.description())
                .annotations(new McpSchema.ToolAnnotations(
                        null, h.readOnly(), h.destructive(), h.idempotent(), h.openWorld(), null))
                .build();
    }
}

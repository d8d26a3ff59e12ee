package io.calcommcp.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.Outcome;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolResult;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.toolapi.MetaTools;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ToolExposure;
import io.calcommcp.toolapi.ToolHints;
import io.calcommcp.toolapi.VendorProfile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The server's own tools: one that gives tools' full input schemas (always there, since the
 * advertised schemas may summarize deep structures), and in discovery mode two more, which search
 * the tools and call one by name, so that a client needs only these three instead of the whole
 * list. They see exactly the tools of the caller's scope, and a call through them is checked and
 * run exactly like a direct one.
 */
final class MetaToolSet {

    private static final int MAX_NAMES = 5;

    /** One server tool: how it is listed, who sees it, and what it does. */
    record MetaTool(
            ToolListing listing,
            boolean discoveryOnly,
            BiFunction<Map<String, Object>, CallContext, ToolResult> handler) {}

    private final ToolSet tools;
    private final ToolExecutor executor;
    private final ObjectMapper json;
    private final ToolSearch search;
    private final String api;
    private final String searchName;
    private final String schemaName;
    private final String callName;
    private final List<MetaTool> metaTools;

    MetaToolSet(ToolSet tools, ToolExecutor executor, ObjectMapper json) {
        this.tools = tools;
        this.executor = executor;
        this.json = json;
        VendorProfile profile = tools.profile();
        this.search = new ToolSearch(profile.toolWord());
        this.api = profile.displayName();
        this.searchName = MetaTools.search(profile.toolWord());
        this.schemaName = MetaTools.schema(profile.toolWord());
        this.callName = MetaTools.call(profile.toolWord());
        this.metaTools = List.of(
                new MetaTool(searchTool(), true, this::search),
                new MetaTool(schemaTool(), false, this::schemas),
                new MetaTool(callTool(), true, this::call));
    }

    List<MetaTool> all() {
        return metaTools;
    }

    /** Whether {@code tool} is shown to a caller whose tools are exposed as {@code exposure}. */
    static boolean shown(MetaTool tool, ToolExposure exposure) {
        return !tool.discoveryOnly() || exposure == ToolExposure.DISCOVERY;
    }

    private ToolListing searchTool() {
        return tool(
                searchName,
                "Search the " + api + " tools",
                "Finds the " + api + " tools for a task by words, e.g. \"cancel a booking\" or \"team event types\"."
                        + " Returns names, titles and one-line descriptions; then " + schemaName
                        + " gives a tool's arguments and " + callName + " runs it.",
                """
                {"type": "object", "properties": {
                  "query": {"type": "string", "minLength": 1, "description": "What you want to do, in a few words."},
                  "limit": {"type": "integer", "minimum": 1, "maximum": 25, "default": 10,
                            "description": "How many tools to return at most."}},
                 "required": ["query"]}""",
                true);
    }

    private ToolListing schemaTool() {
        return tool(
                schemaName,
                "Get " + api + " tool schemas",
                "Gives up to " + MAX_NAMES + " " + api + " tools' full descriptions, input schemas and annotations,"
                        + " including the nested shapes the tool list summarizes.",
                """
                {"type": "object", "properties": {
                  "names": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5,
                            "description": "Tool names, as listed or found."}},
                 "required": ["names"]}""",
                true);
    }

    private ToolListing callTool() {
        return tool(
                callName,
                "Call a " + api + " tool",
                "Runs one " + api + " tool by name with its arguments, checked against its schema exactly like a"
                        + " direct call; its annotations (" + schemaName + ") say whether it changes anything.",
                """
                {"type": "object", "properties": {
                  "name": {"type": "string", "minLength": 1, "description": "The tool's name."},
                  "arguments": {"type": "object", "description": "The tool's arguments, as its schema describes them."}},
                 "required": ["name"]}""",
                false);
    }

    private static ToolListing tool(String name, String title, String description, String schema, boolean readOnly) {
        // Search and schemas only read this server's catalog; a call may do anything a tool does.
        ToolHints hints = readOnly ? new ToolHints(true, false, true, false) : new ToolHints(false, true, false, true);
        return new ToolListing(name, title, description, schema, hints);
    }

    private ToolResult search(Map<String, Object> arguments, CallContext context) {
        Object query = arguments.get("query");
        Object limit = arguments.getOrDefault("limit", 10);
        if (!(query instanceof String text) || text.isBlank()) {
            return refused(searchName, "query: give a few words for what you want to do, e.g. \"list bookings\".");
        }
        if (!(limit instanceof Number n) || n.intValue() < 1 || n.intValue() > 25 || n.doubleValue() != n.intValue()) {
            return refused(searchName, "limit: must be a whole number from 1 to 25, not " + limit + ".");
        }
        List<PreparedTool> found = search.search(inScope(context), text, n.intValue());
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("tools");
        for (PreparedTool tool : found) {
            ToolDefinition d = tool.definition();
            list.addObject()
                    .put("name", d.name())
                    .put("title", d.title())
                    .put("description", ToolSearch.firstSentence(d.advertised().description()));
        }
        if (found.isEmpty()) {
            out.put(
                    "hint",
                    "No tool matches \"" + text + "\". Try other words: what you want to list, get, create,"
                            + " change or delete.");
        }
        return ToolResult.json(out, write(out), 200);
    }

    private ToolResult schemas(Map<String, Object> arguments, CallContext context) {
        Object names = arguments.get("names");
        if (!(names instanceof List<?> list) || list.isEmpty() || list.size() > MAX_NAMES) {
            return refused(schemaName, "names: give 1 to " + MAX_NAMES + " tool names, as a list.");
        }
        Set<String> wanted = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (Object name : list) {
            if (!(name instanceof String text)) {
                return refused(schemaName, "names: every name must be a string, not " + name + ".");
            }
            wanted.add(text);
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode found = out.putArray("tools");
        for (String name : wanted) {
            Optional<PreparedTool> tool = visible(name, context);
            if (tool.isEmpty()) {
                unknown.add(name);
                continue;
            }
            ToolDefinition d = tool.get().definition();
            ObjectNode entry = found.addObject()
                    .put("name", d.name())
                    .put("title", d.title())
                    .put("description", d.description());
            entry.set("inputSchema", tool.get().inputSchema());
            ToolHints h = d.hints();
            entry.putObject("annotations")
                    .put("readOnlyHint", h.readOnly())
                    .put("destructiveHint", h.destructive())
                    .put("idempotentHint", h.idempotent())
                    .put("openWorldHint", h.openWorld());
        }
        if (!unknown.isEmpty()) {
            return refused(
                    schemaName,
                    "There is no tool called " + String.join(", ", unknown) + " here. " + findHint(context));
        }
        return ToolResult.json(out, write(out), 200);
    }

    private ToolResult call(Map<String, Object> arguments, CallContext context) {
        Object name = arguments.get("name");
        Object toolArguments = arguments.getOrDefault("arguments", Map.of());
        if (!(name instanceof String text) || text.isBlank()) {
            return refused(callName, "name: give the name of the tool to call.");
        }
        if (!(toolArguments instanceof Map<?, ?> map)) {
            return refused(callName, "arguments: must be an object of the tool's arguments.");
        }
        Optional<PreparedTool> tool = visible(text, context);
        if (tool.isEmpty()) {
            return refused(callName, "There is no tool called " + text + " here. " + findHint(context));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> forwarded = (Map<String, Object>) map;
        return executor.call(tool.get(), forwarded, context);
    }

    /** Where a caller finds the tools it may call, for messages about a name that is none of them. */
    String findHint(CallContext context) {
        return context.exposure() == ToolExposure.DISCOVERY
                ? "Find the tools you can call with " + searchName + ", and run one with " + callName + "."
                : "tools/list names every tool you can call here, and " + schemaName + " gives their full schemas.";
    }

    /** The catalog tool called {@code name}, if the caller may use it. */
    private Optional<PreparedTool> visible(String name, CallContext context) {
        return tools.find(name).filter(t -> context.scope().allows(t.definition()));
    }

    private List<PreparedTool> inScope(CallContext context) {
        return tools.tools().stream()
                .filter(t -> context.scope().allows(t.definition()))
                .toList();
    }

    /** A refusal before anything was done: the same shape as a tool's refused arguments. */
    private ToolResult refused(String tool, String problem) {
        ObjectNode details = json.createObjectNode();
        details.putArray("problems").add(problem);
        return ToolResult.failure(
                Outcome.INVALID_ARGUMENTS,
                null,
                false,
                "Invalid arguments for " + tool + ", nothing was sent:\n- " + problem,
                details);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}

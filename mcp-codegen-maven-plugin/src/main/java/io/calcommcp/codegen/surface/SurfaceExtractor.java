package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.model.ArgumentDescriptor;
import io.calcommcp.codegen.model.PagingDescriptor;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import io.calcommcp.codegen.surface.ToolSurfaceEntry.ArgumentRoute;
import io.calcommcp.toolapi.ArgumentLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Takes from the tool model what the lock records: per tool what a model or a scoped URL sees
 * (including its MCP annotations, which clients act on) and the request behind it (endpoint,
 * constant headers, where each argument goes); and per operation whether it became a tool. The
 * rest of the model stays out: value kinds only add checks before a request is sent, and how a
 * query array is spelled ({@code explode}) is not recorded either.
 */
public final class SurfaceExtractor {

    private SurfaceExtractor() {}

    /** The surface of a whole model: all its tools and all the spec's operations. */
    public static ToolSurface surface(ToolModel model) {
        List<ToolSurfaceEntry> tools = new ArrayList<>();
        List<OperationEntry> operations = new ArrayList<>();
        for (ToolDescriptor tool : model.tools()) {
            tools.add(entry(tool));
            operations.add(OperationEntry.exposed(tool.operationId(), tool.name()));
        }
        model.excluded().forEach((operation, reason) -> operations.add(OperationEntry.notExposed(operation, reason)));
        return new ToolSurface(tools, operations);
    }

    /**
     * One tool's lock entry. The input schema is normalized: keys sorted (by {@link
     * ToolSurfaceEntry}) and {@code example}/{@code examples} dropped, since changing an example
     * changes nothing a call may or may not do, and the surface diff ignores them too.
     */
    public static ToolSurfaceEntry entry(ToolDescriptor tool) {
        return new ToolSurfaceEntry(
                tool.name(),
                tool.operationId(),
                tool.method(),
                tool.path(),
                tool.access(),
                tool.verb(),
                tool.tags(),
                tool.hints(),
                tool.constantHeaders(),
                routes(tool.arguments()),
                tool.title(),
                tool.description(),
                (ObjectNode) SchemaDiff.withoutExamples(tool.inputSchema()),
                tool.paging().map(PagingDescriptor::paging));
    }

    private static SortedMap<String, ArgumentRoute> routes(List<ArgumentDescriptor> arguments) {
        SortedMap<String, ArgumentRoute> routes = new TreeMap<>();
        for (ArgumentDescriptor argument : arguments) {
            routes.put(argument.name(), route(argument));
        }
        return routes;
    }

    private static ArgumentRoute route(ArgumentDescriptor argument) {
        // The whole body has no name in the request; the descriptor's wire name means nothing there.
        return argument.location() == ArgumentLocation.WHOLE_BODY
                ? ArgumentRoute.wholeBody()
                : new ArgumentRoute(argument.location(), argument.wireName());
    }
}

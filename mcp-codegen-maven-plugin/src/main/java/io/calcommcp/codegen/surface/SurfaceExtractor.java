package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolHints;
import io.calcommcp.codegen.model.ToolModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes from the tool model what the lock records: per tool what a model or a scoped URL sees and
 * the request behind it, including its MCP annotations, which clients act on; and per operation
 * whether it became a tool. Everything else in the model (how arguments are routed into the
 * request, constant headers) is the generator's business and stays out, so that the lock changes
 * only when the surface does.
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
                tool.access() == ToolDescriptor.Access.READ
                        ? ToolSurfaceEntry.Access.READ
                        : ToolSurfaceEntry.Access.WRITE,
                tool.tags(),
                annotations(tool.hints()),
                tool.title(),
                tool.description(),
                (ObjectNode) SchemaDiff.withoutExamples(tool.inputSchema()));
    }

    private static ToolSurfaceEntry.Annotations annotations(ToolHints hints) {
        return new ToolSurfaceEntry.Annotations(
                hints.readOnly(), hints.destructive(), hints.idempotent(), hints.openWorld());
    }
}

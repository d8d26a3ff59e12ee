package io.calcommcp.codegen.model;

import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.rules.RulesChecker;
import io.calcommcp.toolapi.Access;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tools the rules name outside the tools themselves (the key check, the search sources), looked up
 * among the generated tools: a name that is not a tool, or a tool that changes data where only a
 * read will do, is an error at the line that names it.
 */
final class ToolReferences {

    private final Map<String, ToolDescriptor> byName = new LinkedHashMap<>();
    private final Diagnostics diagnostics;

    ToolReferences(List<ToolDescriptor> tools, Diagnostics diagnostics) {
        tools.forEach(t -> byName.put(t.name(), t));
        this.diagnostics = diagnostics;
    }

    /** Whether a generated tool is called {@code name}. */
    boolean has(String name) {
        return byName.containsKey(name);
    }

    /**
     * The read-only tool called {@code name}; empty, after an error at {@code where}, if there is
     * none.
     *
     * @param role what the rules name it as, for the message: {@code "server.key-check"}
     */
    Optional<ToolDescriptor> readTool(String name, String role, Location where) {
        ToolDescriptor tool = byName.get(name);
        if (tool == null) {
            diagnostics.error(
                    where,
                    role + " names " + name + ", which is not one of the generated tools",
                    RulesChecker.closest(name, byName.keySet())
                                    .map(c -> "did you mean " + c + "? ")
                                    .orElse("")
                            + "Name an exposed tool, by its tool name (a tool the rules leave out does not exist)");
            return Optional.empty();
        }
        if (tool.access() != Access.READ || !tool.hints().readOnly()) {
            diagnostics.error(
                    where,
                    role + " names " + name + ", which is not a read-only tool",
                    "name a tool that only reads (access: read, readOnlyHint true): this one is called without"
                            + " the user confirming it");
            return Optional.empty();
        }
        return Optional.of(tool);
    }

    /** The names of the tool's required arguments, in schema order. */
    static List<String> requiredArguments(ToolDescriptor tool) {
        return tool.arguments().stream()
                .filter(ArgumentDescriptor::required)
                .map(ArgumentDescriptor::name)
                .toList();
    }

    /** The tool's argument called {@code name}, if it has one. */
    static Optional<ArgumentDescriptor> argument(ToolDescriptor tool, String name) {
        return tool.arguments().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The names of the tool's arguments, in schema order. */
    static List<String> argumentNames(ToolDescriptor tool) {
        return tool.arguments().stream().map(ArgumentDescriptor::name).toList();
    }
}

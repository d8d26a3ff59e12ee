package io.calcommcp.codegen.model;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checked result of applying the rules to the spec.
 *
 * @param tools the tools, sorted by name
 * @param excluded operations that are not tools, by operationId, with the reason
 * @param warnings things worth a look that do not stop generation
 */
public record ToolModel(List<ToolDescriptor> tools, SortedMap<String, String> excluded, List<String> warnings) {

    public ToolModel {
        tools = List.copyOf(tools);
        excluded = new TreeMap<>(excluded);
        warnings = List.copyOf(warnings);
    }
}

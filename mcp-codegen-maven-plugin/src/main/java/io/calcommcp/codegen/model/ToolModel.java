package io.calcommcp.codegen.model;

import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.toolapi.VendorProfile;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checked result of applying the rules to the spec.
 *
 * @param tools the tools, sorted by name
 * @param exposures every operation of the spec, sorted by operationId: the tool it became or why
 *     it did not, and what in the rules decided it
 * @param profile the profile of the API, for the generated server
 * @param warnings things worth a look that do not stop generation
 */
public record ToolModel(
        List<ToolDescriptor> tools, List<Exposure> exposures, VendorProfile profile, List<Diagnostic> warnings) {

    public ToolModel {
        tools = tools.stream()
                .sorted(Comparator.comparing(ToolDescriptor::name))
                .toList();
        exposures = exposures.stream()
                .sorted(Comparator.comparing(Exposure::operationId))
                .toList();
        warnings = List.copyOf(warnings);
    }

    /** Operations that are not tools, by operationId, with the reason. */
    public SortedMap<String, String> excluded() {
        SortedMap<String, String> excluded = new TreeMap<>();
        for (Exposure exposure : exposures) {
            exposure.reason().ifPresent(reason -> excluded.put(exposure.operationId(), reason));
        }
        return excluded;
    }

    /** How {@code operationId} was decided, if the spec has it. */
    public Optional<Exposure> exposure(String operationId) {
        return exposures.stream()
                .filter(e -> e.operationId().equals(operationId))
                .findFirst();
    }
}

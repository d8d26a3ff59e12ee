package io.calcommcp.codegen.model;

import io.calcommcp.codegen.diagnostics.Location;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether one spec operation became a tool, and what in the rules decided it.
 *
 * @param operationId the operation
 * @param tool the tool it became; empty if it is not exposed
 * @param reason why it is not exposed; empty if it is
 * @param decidedBy what decided: a rule with {@code expose:}, or an {@code expose-tags} entry, at
 *     its line; empty when nothing in the rules matched it (the default: not exposed)
 * @param byRule true when a rule with {@code expose:} decided, false for {@code expose-tags} or the
 *     default
 */
public record Exposure(
        String operationId,
        Optional<String> tool,
        Optional<String> reason,
        Optional<Location> decidedBy,
        boolean byRule) {

    public Exposure {
        Objects.requireNonNull(operationId, "operationId");
        if (tool.isPresent() == reason.isPresent()) {
            throw new IllegalArgumentException(operationId + ": an exposure has either a tool or a reason");
        }
    }

    public boolean isExposed() {
        return tool.isPresent();
    }
}

package io.calcommcp.codegen.surface;

import java.util.Objects;
import java.util.Optional;

/**
 * One operation of the spec as the lock file records it: the tool it became, or why it is not
 * exposed. The lock lists every operation, exposed or not, so that the next check can tell which
 * operations are new in the spec and whether the rules expose them.
 *
 * @param operation the OpenAPI {@code operationId} (or {@code METHOD path} when it has none)
 * @param tool the tool that calls it; empty if it is not exposed
 * @param notExposed why it is not exposed, as the rules or their defaults say; empty if it is
 */
public record OperationEntry(String operation, Optional<String> tool, Optional<String> notExposed) {

    public OperationEntry {
        requireText(Objects.requireNonNull(operation, "operation"), "operation");
        Objects.requireNonNull(tool, "tool").ifPresent(name -> requireText(name, "tool"));
        Objects.requireNonNull(notExposed, "notExposed").ifPresent(reason -> requireText(reason, "notExposed"));
        if (tool.isPresent() == notExposed.isPresent()) {
            throw new IllegalArgumentException(
                    "operation " + operation + " needs either a tool or a reason why it is not exposed, not "
                            + (tool.isPresent() ? "both" : "neither"));
        }
    }

    /** An operation that tool {@code tool} calls. */
    public static OperationEntry exposed(String operation, String tool) {
        return new OperationEntry(operation, Optional.of(tool), Optional.empty());
    }

    /** An operation that is not a tool, and why. */
    public static OperationEntry notExposed(String operation, String reason) {
        return new OperationEntry(operation, Optional.empty(), Optional.of(reason));
    }

    /** True if a tool calls this operation. */
    public boolean isExposed() {
        return tool.isPresent();
    }

    private static void requireText(String value, String what) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}

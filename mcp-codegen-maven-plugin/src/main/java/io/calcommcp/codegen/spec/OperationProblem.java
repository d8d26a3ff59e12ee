package io.calcommcp.codegen.spec;

import io.calcommcp.codegen.diagnostics.Location;
import java.util.Objects;

/**
 * Something in one operation's definition that a tool cannot send as the spec writes it: a
 * parameter without a usable name or place, a duplicate, a schema that is not a schema, a path
 * placeholder no parameter fills. The spec stage only finds these; the model stage decides what they
 * cost (a warning, or an error where leaving them out would mislead).
 *
 * @param pointer the JSON pointer of the offending part of the document
 * @param message what is wrong, naming the part
 * @param fix how to correct the spec
 * @param impact what a tool loses if the problem stays
 */
public record OperationProblem(String pointer, String message, String fix, Impact impact) {

    /** What a tool loses if the problem stays. */
    public enum Impact {
        /** An optional parameter: the tool works without it, so it is left out. */
        PARAMETER_LEFT_OUT,
        /** The request itself: a tool would send something other than what the API expects. */
        OPERATION_LEFT_OUT,
        /** Nothing: a tool sends what the spec plainly means, though it does not say so. */
        ASSUMED
    }

    public OperationProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(impact, "impact");
    }

    /** Where it is, in the spec called {@code specName}. */
    public Location location(String specName) {
        return Location.pointer(specName, pointer);
    }
}

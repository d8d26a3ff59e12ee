package io.calcommcp.codegen.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown once with every error found, so a user fixes all of them in one round instead of one per
 * build. The message lists them, one or two lines each.
 */
public final class CodegenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> errors;

    public CodegenException(List<Diagnostic> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    /** One error. */
    public CodegenException(Location location, String message, String fix) {
        this(List.of(Diagnostic.error(location, message, fix)));
    }

    /** Every error, in the order found. */
    public List<Diagnostic> errors() {
        return errors;
    }

    private static String describe(List<Diagnostic> errors) {
        String heading = errors.size() == 1
                ? "1 problem stops code generation:"
                : errors.size() + " problems stop code generation:";
        return errors.stream().map(p -> "  - " + p.render()).collect(Collectors.joining("\n", heading + "\n", ""));
    }
}

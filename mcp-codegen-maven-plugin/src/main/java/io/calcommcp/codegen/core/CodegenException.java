package io.calcommcp.codegen.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown once with every problem found, so a user fixes all of them in one round instead of
 * one per build.
 */
public final class CodegenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public CodegenException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public CodegenException(Problem problem) {
        this(List.of(problem));
    }

    /** Every problem, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        String heading = problems.size() == 1
                ? "1 problem stops code generation:"
                : problems.size() + " problems stop code generation:";
        return problems.stream().map(p -> "  - " + p.render()).collect(Collectors.joining("\n", heading + "\n", ""));
    }
}

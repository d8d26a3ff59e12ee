package io.calcommcp.codegen.surface;

import java.io.IOException;
import java.util.List;

/**
 * A lock file that cannot be read as a tool surface. The message names the file and every
 * problem found, so one build run shows everything that needs fixing.
 */
public final class SurfaceFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file name or other label of what was read. */
    private final String source;

    /** Problems found, each saying where in the file and what is wrong (an array: serializable). */
    private final String[] problems;

    SurfaceFormatException(String source, List<String> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = problems.toArray(String[]::new);
    }

    /** The file name or other label of what was read, as given to the reader. */
    public String source() {
        return source;
    }

    /** Each problem, e.g. {@code tools[2] (get_me): missing "inputSchema"}. */
    public List<String> problems() {
        return List.of(problems);
    }

    private static String describe(String source, List<String> problems) {
        String hint = "Fix the file, or restore it from version control and regenerate it.";
        if (problems.size() == 1) {
            return source + ": " + problems.get(0) + ". " + hint;
        }
        return source + ": " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems) + "\n" + hint;
    }
}

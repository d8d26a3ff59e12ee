package io.calcommcp.server.engine;

import java.util.List;

/** The arguments of a tool call cannot be sent upstream; each problem names the argument and the fix. */
public final class InvalidArgumentsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one sentence per problem, each naming the argument */
    public InvalidArgumentsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem. */
    public List<String> problems() {
        return problems;
    }
}

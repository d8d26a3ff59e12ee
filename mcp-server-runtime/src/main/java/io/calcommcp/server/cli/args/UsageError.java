package io.calcommcp.server.cli.args;

import java.util.List;

/**
 * The command line does not fit the commands: an unknown option, a missing value, a missing
 * required option. Says which command was meant, so the error can point at that command's help.
 */
public final class UsageError extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<CommandSpec> path;

    UsageError(List<CommandSpec> path, String message) {
        super(message);
        this.path = List.copyOf(path);
    }

    /** The command whose arguments were wrong, after the commands it is a subcommand of. */
    public List<CommandSpec> path() {
        return path;
    }
}

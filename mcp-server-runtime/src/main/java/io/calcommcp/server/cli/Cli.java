package io.calcommcp.server.cli;

import io.calcommcp.server.admin.InvalidRequestException;
import io.calcommcp.server.admin.NotFoundException;
import io.calcommcp.server.store.StoreException;
import io.calcommcp.server.store.StoreUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line, on picocli: {@code serve}, {@code stdio}, {@code tools}, the admin commands
 * {@code accounts}, {@code mcp-servers}, {@code api-tokens} and {@code oauth-grants}, which work on
 * the store directly, whether or not a server is running on it, and {@code completion}. Exit codes:
 * 0 success, 1 failure (a port taken, a store that cannot be opened, an unknown id), 2 usage or
 * configuration error (the message says what to change).
 */
public final class Cli {

    /** Wide enough that option descriptions are not squeezed, narrow enough for a terminal. */
    private static final int HELP_WIDTH = 100;

    /** The exit code of a command that failed: a port taken, a store that cannot be opened, an unknown id. */
    private static final int FAILED = 1;

    private Cli() {}

    /** Runs {@code args} and returns the exit code. */
    public static int run(List<String> args, CliContext context) {
        CommandLine line = commandLine(context, args.isEmpty() ? "" : args.get(0));
        int code;
        if (args.isEmpty()) {
            // No command: say how to use it, and fail (a script that forgot the command).
            line.usage(context.err());
            code = UsageErrors.EXIT_CODE;
        } else {
            code = line.execute(args.toArray(String[]::new));
        }
        context.out().flush();
        context.err().flush();
        return code;
    }

    /**
     * Every command, in the order the help lists them, ready to parse and run; only {@code named}
     * (the command line's first word) is built with its options, and every other command is only
     * listed, unless {@code named} is {@code completion}, which describes them all.
     */
    static CommandLine commandLine(CliContext context, String named) {
        String api = context.tools().profile().displayName();
        List<TopLevelCommand> commands = List.of(
                new ServeCommand(context),
                new StdioCommand(context),
                new ToolsCommand(context),
                new AccountsCommand(context),
                new McpServersCommand(context),
                new ApiTokensCommand(context),
                new OAuthGrantsCommand(context),
                new CompletionCommand(context),
                new WarmUpCommand(context));
        boolean all = named.equals(CompletionCommand.NAME);
        CommandSpec root = Commands.groups(
                context.command(),
                commands.stream()
                        .map(command ->
                                all || command.name().equals(named) ? command.spec() : Commands.listing(command))
                        .toList(),
                "An MCP server for the " + api + " API, with one tool per API operation.");
        root.usageMessage().footer("", "Run '" + context.command() + " COMMAND --help' for a command's options.");
        Commands.addHelpAndVersion(root, api + " MCP server " + context.version());
        CommandLine line = new CommandLine(root);
        // These settings reach every subcommand added so far, which is all of them.
        line.setOut(new PrintWriter(context.out(), true));
        line.setErr(new PrintWriter(context.err(), true));
        line.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        line.setUsageHelpWidth(HELP_WIDTH);
        line.setParameterExceptionHandler(new UsageErrors(context.err()));
        line.setExecutionExceptionHandler(failures(context.err()));
        return line;
    }

    /** How a command that ran reports a failure: the message, and the exit code its kind has. */
    private static IExecutionExceptionHandler failures(PrintStream err) {
        return (failure, line, parsed) -> {
            if (failure instanceof UsageException) {
                err.println("Error: " + failure.getMessage());
                return UsageErrors.EXIT_CODE;
            }
            if (failure instanceof InvalidRequestException invalid) {
                err.println("Error: the request is not valid:");
                invalid.fields().forEach((field, problem) -> err.println("  " + field + ": " + problem));
                return UsageErrors.EXIT_CODE;
            }
            if (failure instanceof NotFoundException
                    || failure instanceof StoreException
                    || failure instanceof StoreUnavailableException
                    || failure instanceof IOException) {
                err.println("Error: " + failure.getMessage());
                return FAILED;
            }
            // A bug: picocli prints the stack trace and exits 1.
            throw failure;
        };
    }
}

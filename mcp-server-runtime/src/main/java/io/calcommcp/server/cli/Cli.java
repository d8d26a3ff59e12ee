package io.calcommcp.server.cli;

import io.calcommcp.server.admin.InvalidRequestException;
import io.calcommcp.server.admin.NotFoundException;
import io.calcommcp.server.cli.args.ArgumentParser;
import io.calcommcp.server.cli.args.CommandSpec;
import io.calcommcp.server.cli.args.HelpText;
import io.calcommcp.server.cli.args.UsageError;
import io.calcommcp.server.store.StoreException;
import io.calcommcp.server.store.StoreUnavailableException;
import io.calcommcp.toolapi.VendorProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code serve}, {@code stdio}, {@code tools}, and the admin commands {@code
 * accounts}, {@code mcp-servers} and {@code api-tokens}, which work on the store directly, whether
 * or not a server is running on it. Exit codes: 0 success, 1 failure (a port taken, a store that
 * cannot be opened, an unknown id), 2 usage or configuration error (the message says what to
 * change).
 */
public final class Cli {

    /** Wide enough that option descriptions are not squeezed, narrow enough for a terminal. */
    private static final int HELP_WIDTH = 100;

    private Cli() {}

    /** Runs {@code args} and returns the exit code. */
    public static int run(List<String> args, CliContext context) {
        CommandSpec root = commands(context);
        HelpText help = new HelpText(HELP_WIDTH, words(context.tools().profile()));
        if (args.isEmpty()) {
            // No command: say how to use it, and fail (a script that forgot the command).
            context.err().print(help.of(List.of(root)));
            return 2;
        }
        ArgumentParser.Outcome outcome;
        try {
            outcome = ArgumentParser.parse(root, args);
        } catch (UsageError e) {
            return usageError(context.err(), e.getMessage(), e.path());
        }
        if (outcome instanceof ArgumentParser.Help asked) {
            context.out().print(help.of(asked.path()));
            context.out().flush();
            return 0;
        }
        if (outcome instanceof ArgumentParser.Version) {
            context.out().println(context.tools().profile().displayName() + " MCP server " + context.version());
            context.out().flush();
            return 0;
        }
        ArgumentParser.Run run = (ArgumentParser.Run) outcome;
        CommandSpec command = run.path().get(run.path().size() - 1);
        try {
            return command.action().orElseThrow().run(run.arguments());
        } catch (UsageException e) {
            context.err().println("Error: " + e.getMessage());
            return 2;
        } catch (InvalidRequestException invalid) {
            context.err().println("Error: the request is not valid:");
            invalid.fields().forEach((field, problem) -> context.err().println("  " + field + ": " + problem));
            return 2;
        } catch (NotFoundException | StoreException | StoreUnavailableException | IOException e) {
            context.err().println("Error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(command.name() + " failed", e);
        }
    }

    private static int usageError(PrintStream err, String message, List<CommandSpec> path) {
        String command = String.join(" ", path.stream().map(CommandSpec::name).toList());
        err.println("Error: " + message + " Run '" + command + " --help' for the options.");
        err.flush();
        return 2;
    }

    /** The top-level command, with every command in the order the help lists them. */
    private static CommandSpec commands(CliContext context) {
        return CommandSpec.named(context.command())
                .description("An MCP server for the ${api} API, with one tool per API operation.")
                .subcommand(new ServeCommand(context).spec())
                .subcommand(new StdioCommand(context).spec())
                .subcommand(new ToolsCommand(context).spec())
                .subcommand(new AccountsCommand(context).spec())
                .subcommand(new McpServersCommand(context).spec())
                .subcommand(new ApiTokensCommand(context).spec())
                .subcommand(new WarmUpCommand(context).spec())
                .footer("Run '" + context.command() + " COMMAND --help' for a command's options.")
                .build();
    }

    /** The words of help texts that depend on the API: its name and the prefix of every variable. */
    private static Map<String, String> words(VendorProfile profile) {
        return Map.of(
                "api",
                profile.displayName(),
                "env",
                profile.environmentPrefix(),
                "base.default",
                profile.defaultBaseUrl().isEmpty() ? "required" : "default " + profile.defaultBaseUrl(),
                "credential.header",
                profile.credential().header() + (profile.credential().inQuery() ? " query parameter" : " header"));
    }
}

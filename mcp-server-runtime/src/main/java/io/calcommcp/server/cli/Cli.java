package io.calcommcp.server.cli;

import io.calcommcp.server.admin.InvalidRequestException;
import io.calcommcp.server.admin.NotFoundException;
import io.calcommcp.server.store.StoreException;
import io.calcommcp.server.store.StoreUnavailableException;
import io.calcommcp.toolapi.VendorProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

    /** The top-level command: only help, and the subcommands. */
    @Command(
            mixinStandardHelpOptions = true,
            description = "An MCP server for the ${bundle:api} API, with one tool per API operation.",
            synopsisSubcommandLabel = "COMMAND",
            commandListHeading = "%nCommands:%n",
            footer = "%nRun '${ROOT-COMMAND-NAME} COMMAND --help' for a command's options.")
    static final class Top implements Runnable {
        private final CliContext context;

        Top(CliContext context) {
            this.context = context;
        }

        @Override
        public void run() {
            // No command: say how to use it, and fail (a script that forgot the command).
            CommandLine.usage(this, context.err());
        }
    }

    /** Runs {@code args} and returns the exit code. */
    public static int run(List<String> args, CliContext context) {
        if (args.isEmpty()) {
            commandLine(context).usage(context.err());
            return 2;
        }
        // Only the command that runs is built: picocli reads each command's options by reflection,
        // and for all of them that was a third of the server's start on one core. Anything else
        // (--help, a mistyped command) gets every command, so that the help can list them.
        Map<String, Supplier<Object>> commands = commands(context);
        CommandLine line = commands.containsKey(args.get(0))
                ? commandLine(context, Map.of(args.get(0), commands.get(args.get(0))))
                : commandLine(context, commands);
        return line.execute(args.toArray(String[]::new));
    }

    /** Every command, in the order the help lists them. */
    private static Map<String, Supplier<Object>> commands(CliContext context) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", () -> new ServeCommand(context));
        commands.put("stdio", () -> new StdioCommand(context));
        commands.put("tools", () -> new ToolsCommand(context));
        commands.put("accounts", () -> new AccountsCommand(context));
        commands.put("mcp-servers", () -> new McpServersCommand(context));
        commands.put("api-tokens", () -> new ApiTokensCommand(context));
        commands.put("warm-up", () -> new WarmUpCommand(context));
        return commands;
    }

    /** The command line with every command. */
    static CommandLine commandLine(CliContext context) {
        return commandLine(context, commands(context));
    }

    private static CommandLine commandLine(CliContext context, Map<String, Supplier<Object>> commands) {
        CommandLine line = new CommandLine(new Top(context)).setCommandName(context.command());
        commands.forEach((name, command) -> line.addSubcommand(name, command.get()));
        line.setResourceBundle(new ProfileTexts(context.tools().profile()));
        line.setUsageHelpWidth(HELP_WIDTH);
        String version = context.tools().profile().displayName() + " MCP server " + context.version();
        everyCommand(line, command -> command.getCommandSpec().version(version));
        line.setOut(new PrintWriter(context.out(), true));
        line.setErr(new PrintWriter(context.err(), true));
        line.setParameterExceptionHandler((e, arguments) -> {
            context.err()
                    .println("Error: " + e.getMessage() + " Run '"
                            + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return 2;
        });
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof UsageException) {
                context.err().println("Error: " + e.getMessage());
                return 2;
            }
            if (e instanceof InvalidRequestException invalid) {
                context.err().println("Error: the request is not valid:");
                invalid.fields().forEach((field, problem) -> context.err().println("  " + field + ": " + problem));
                return 2;
            }
            if (e instanceof NotFoundException
                    || e instanceof StoreException
                    || e instanceof StoreUnavailableException
                    || e instanceof IOException) {
                context.err().println("Error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return line;
    }

    private static void everyCommand(CommandLine line, java.util.function.Consumer<CommandLine> action) {
        action.accept(line);
        line.getSubcommands().values().forEach(sub -> everyCommand(sub, action));
    }

    /** The words of help texts that depend on the API: its name and the prefix of every variable. */
    static final class ProfileTexts extends ResourceBundle {
        private final Map<String, String> texts;

        ProfileTexts(VendorProfile profile) {
            this.texts = Map.of(
                    "api",
                    profile.displayName(),
                    "env",
                    profile.environmentPrefix(),
                    "base.default",
                    profile.defaultBaseUrl().isEmpty() ? "required" : "default " + profile.defaultBaseUrl(),
                    "credential.header",
                    profile.credential().header() + (profile.credential().inQuery() ? " query parameter" : " header"));
        }

        @Override
        protected Object handleGetObject(String key) {
            return texts.get(key);
        }

        @Override
        public Enumeration<String> getKeys() {
            return java.util.Collections.enumeration(texts.keySet());
        }
    }
}

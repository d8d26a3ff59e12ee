package io.calcommcp.server.cli;

import io.calcommcp.server.admin.InvalidRequestException;
import io.calcommcp.server.admin.NotFoundException;
import io.calcommcp.server.store.StoreException;
import io.calcommcp.server.store.StoreUnavailableException;
import io.calcommcp.toolapi.VendorProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
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
        CommandLine line = commandLine(context);
        if (args.isEmpty()) {
            line.usage(context.err());
            return 2;
        }
        return line.execute(args.toArray(String[]::new));
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine line = new CommandLine(new Top(context))
                .setCommandName(context.command())
                .addSubcommand("serve", new ServeCommand(context))
                .addSubcommand("stdio", new StdioCommand(context))
                .addSubcommand("tools", new ToolsCommand(context))
                .addSubcommand("accounts", new AccountsCommand(context))
                .addSubcommand("mcp-servers", new McpServersCommand(context))
                .addSubcommand("api-tokens", new ApiTokensCommand(context))
                .addSubcommand("warm-up", new WarmUpCommand(context));
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

package io.calcommcp.server.cli;

import io.calcommcp.server.cli.args.CommandSpec;
import io.calcommcp.server.cli.args.ParsedArguments;
import io.calcommcp.server.config.ServerConfig;

/** {@code stdio}: MCP over standard input and output, for clients that launch the server. */
final class StdioCommand {

    private final CliContext context;

    StdioCommand(CliContext context) {
        this.context = context;
    }

    CommandSpec spec() {
        return CommandSpec.named("stdio")
                .description("Serves MCP over stdin/stdout until stdin closes, for clients that launch the server"
                        + " themselves. Logs go to stderr only. Needs ${env}_API_KEY: the ${api} API key, sent as"
                        + " its ${credential.header}, never shown to the model, never logged.")
                .options(Options.Upstream.OPTIONS)
                .options(Options.Tools.OPTIONS)
                .action(this::run)
                .build();
    }

    private int run(ParsedArguments arguments) throws Exception {
        ConfigReader config = context.config();
        ServerConfig server = config.server(
                Options.Upstream.from(arguments),
                Options.Tools.from(arguments),
                new Options.Http(),
                new Options.PublicUrl(),
                new Options.Limits());
        if (server.apiKey().isEmpty()) {
            throw config.missingApiKey("stdio");
        }
        return context.launcher().stdio(server, context);
    }
}

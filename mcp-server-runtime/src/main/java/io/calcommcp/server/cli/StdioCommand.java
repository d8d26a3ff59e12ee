package io.calcommcp.server.cli;

import io.calcommcp.server.config.ServerConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "stdio",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves MCP over stdin/stdout until stdin closes, for clients that launch the server themselves."
                    + " Logs go to stderr only. Needs ${bundle:env}_API_KEY: the ${bundle:api} API key, sent as"
                    + " its ${bundle:credential.header}, never shown to the model, never logged.",
            ""
        })
final class StdioCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    Options.Upstream upstream = new Options.Upstream();

    @Mixin
    Options.Tools tools = new Options.Tools();

    StdioCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ConfigReader config = context.config();
        ServerConfig server =
                config.server(upstream, tools, new Options.Http(), new Options.PublicUrl(), new Options.Limits());
        if (server.apiKey().isEmpty()) {
            throw config.missingApiKey("stdio");
        }
        return context.launcher().stdio(server, context);
    }
}

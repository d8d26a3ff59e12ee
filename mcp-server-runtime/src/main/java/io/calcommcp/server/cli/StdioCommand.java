package io.calcommcp.server.cli;

import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.toolapi.VendorProfile;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stdio}: MCP over standard input and output, for clients that launch the server. */
final class StdioCommand implements TopLevelCommand {

    private final CliContext context;
    private Options.Upstream upstream;
    private Options.Tools tools;

    StdioCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "stdio";
    }

    @Override
    public String[] description() {
        VendorProfile profile = context.tools().profile();
        return new String[] {
            "Serves MCP over stdin/stdout until stdin closes, for clients that launch the server"
                    + " themselves. Logs go to stderr only. Needs " + profile.environmentVariable("API_KEY")
                    + ": the " + profile.displayName() + " API key, sent as its "
                    + profile.credential().header()
                    + (profile.credential().inQuery() ? " query parameter" : " header")
                    + ", never shown to the model, never logged."
        };
    }

    @Override
    public CommandSpec spec() {
        VendorProfile profile = context.tools().profile();
        upstream = new Options.Upstream(profile);
        tools = new Options.Tools(profile);
        return Commands.with(Commands.runs(name(), this::run, description()), upstream, tools);
    }

    private int run() throws Exception {
        VendorProfile profile = context.tools().profile();
        ConfigReader config = context.config();
        // The listener's and the limits' options are serve's; stdio reads only their variables.
        ServerConfig server = config.server(
                upstream,
                tools,
                new Options.Http(profile),
                new Options.PublicUrl(profile),
                new Options.Limits(profile));
        if (server.apiKey().isEmpty()) {
            throw config.missingApiKey("stdio");
        }
        return context.launcher().stdio(server, context);
    }
}

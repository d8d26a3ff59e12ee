package io.calcommcp.server.cli;

import io.calcommcp.server.cli.args.CommandSpec;
import io.calcommcp.server.cli.args.ParsedArguments;
import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.store.StoreConfig;

/** {@code serve}: MCP over Streamable HTTP, and the admin API when its token is set. */
final class ServeCommand {

    private final CliContext context;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    CommandSpec spec() {
        return CommandSpec.named("serve")
                .description(
                        "Serves MCP over Streamable HTTP, stateless (no sessions), so any number of replicas can sit"
                                + " behind a load balancer.",
                        "",
                        "With ${env}_API_KEY set, /mcp serves that one key. Scoped URLs, /mcp/<token>, serve the"
                                + " integrated accounts of the store: create them with the admin API (on when"
                                + " ${env}_MCP_ADMIN_TOKEN is set) or with the accounts and mcp-servers commands.")
                .options(Options.Http.OPTIONS)
                .options(Options.PublicUrl.OPTIONS)
                .options(Options.Upstream.OPTIONS)
                .options(Options.Tools.OPTIONS)
                .options(Options.Limits.OPTIONS)
                .options(Options.Store.OPTIONS)
                .options(Options.Admin.OPTIONS)
                .action(this::run)
                .build();
    }

    /** What {@code serve} runs with: its flags, over the environment, over the defaults. */
    record Settings(ServerConfig server, StoreConfig store, AdminConfig admin) {}

    Settings settings(ParsedArguments arguments) throws UsageException {
        ConfigReader config = context.config();
        return new Settings(
                config.server(
                        Options.Upstream.from(arguments),
                        Options.Tools.from(arguments),
                        Options.Http.from(arguments),
                        Options.PublicUrl.from(arguments),
                        Options.Limits.from(arguments)),
                config.store(Options.Store.from(arguments)),
                config.admin(Options.Admin.from(arguments)));
    }

    private int run(ParsedArguments arguments) throws Exception {
        Settings settings = settings(arguments);
        return context.launcher().serve(settings.server(), settings.store(), settings.admin(), context);
    }
}

package io.calcommcp.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves MCP over Streamable HTTP, stateless (no sessions), so any number of replicas can sit behind"
                    + " a load balancer.",
            "",
            "With ${bundle:env}_API_KEY set, /mcp serves that one key. Scoped URLs, /mcp/<token>, serve the"
                    + " integrated accounts of the store: create them with the admin API (on when"
                    + " ${bundle:env}_MCP_ADMIN_TOKEN is set) or with the accounts and mcp-servers commands.",
            ""
        })
final class ServeCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    Options.Http http = new Options.Http();

    @Mixin
    Options.PublicUrl publicUrl = new Options.PublicUrl();

    @Mixin
    Options.Upstream upstream = new Options.Upstream();

    @Mixin
    Options.Tools tools = new Options.Tools();

    @Mixin
    Options.Limits limits = new Options.Limits();

    @Mixin
    Options.Store store = new Options.Store();

    @Mixin
    Options.Admin admin = new Options.Admin();

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ConfigReader config = context.config();
        return context.launcher()
                .serve(
                        config.server(upstream, tools, http, publicUrl, limits),
                        config.store(store),
                        config.admin(admin),
                        context);
    }
}

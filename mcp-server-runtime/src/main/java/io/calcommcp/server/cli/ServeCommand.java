package io.calcommcp.server.cli;

import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.toolapi.VendorProfile;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serve}: MCP over Streamable HTTP, and the admin API when its token is set. */
final class ServeCommand {

    private final CliContext context;
    private final Options.Http http;
    private final Options.PublicUrl publicUrl;
    private final Options.Upstream upstream;
    private final Options.Tools tools;
    private final Options.Limits limits;
    private final Options.Store store;
    private final Options.Admin admin;

    ServeCommand(CliContext context) {
        this.context = context;
        VendorProfile profile = context.tools().profile();
        this.http = new Options.Http(profile);
        this.publicUrl = new Options.PublicUrl(profile);
        this.upstream = new Options.Upstream(profile);
        this.tools = new Options.Tools(profile);
        this.limits = new Options.Limits(profile);
        this.store = new Options.Store(profile);
        this.admin = new Options.Admin(profile);
    }

    CommandSpec spec() {
        VendorProfile profile = context.tools().profile();
        return Commands.with(
                Commands.runs(
                        "serve",
                        this::run,
                        "Serves MCP over Streamable HTTP, stateless (no sessions), so any number of replicas can sit"
                                + " behind a load balancer.",
                        "",
                        "With " + profile.environmentVariable("API_KEY")
                                + " set, /mcp serves that one key. Scoped URLs, /mcp/<token>, serve the"
                                + " integrated accounts of the store: create them with the admin API (on when "
                                + profile.environmentVariable("MCP_ADMIN_TOKEN")
                                + " is set) or with the accounts and mcp-servers commands."),
                http,
                publicUrl,
                upstream,
                tools,
                limits,
                store,
                admin);
    }

    /** What {@code serve} runs with: its flags, over the environment, over the defaults. */
    record Settings(ServerConfig server, StoreConfig store, AdminConfig admin) {}

    /** The settings of the command line parsed last. */
    Settings settings() throws UsageException {
        ConfigReader config = context.config();
        return new Settings(
                config.server(upstream, tools, http, publicUrl, limits), config.store(store), config.admin(admin));
    }

    private int run() throws Exception {
        Settings settings = settings();
        return context.launcher().serve(settings.server(), settings.store(), settings.admin(), context);
    }
}

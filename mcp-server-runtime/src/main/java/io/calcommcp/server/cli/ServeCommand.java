package io.calcommcp.server.cli;

import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.toolapi.VendorProfile;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serve}: MCP over Streamable HTTP, and the admin API when its token is set. */
final class ServeCommand implements TopLevelCommand {

    private final CliContext context;
    private Options.Http http;
    private Options.PublicUrl publicUrl;
    private Options.Upstream upstream;
    private Options.Tools tools;
    private Options.Limits limits;
    private Options.Store store;
    private Options.Admin admin;
    private Options.OAuth oauth;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String[] description() {
        VendorProfile profile = context.tools().profile();
        return new String[] {
            "Serves MCP over Streamable HTTP, stateless (no sessions), so any number of replicas can sit"
                    + " behind a load balancer.",
            "",
            "With " + profile.environmentVariable("API_KEY")
                    + " set, /mcp serves that one key. Scoped URLs, /mcp/<token>, serve the"
                    + " integrated accounts of the store: create them with the admin API (on when "
                    + profile.environmentVariable("MCP_ADMIN_TOKEN")
                    + " is set) or with the accounts and mcp-servers commands.",
            "",
            "With --oauth, /mcp is an OAuth-protected resource instead: a client such as ChatGPT sends a"
                    + " person to a consent page on this server, where they link their own " + profile.displayName()
                    + " API key with read-only or read-and-write access; list and revoke those grants with the"
                    + " oauth-grants command or the admin API."
        };
    }

    @Override
    public CommandSpec spec() {
        VendorProfile profile = context.tools().profile();
        http = new Options.Http(profile);
        publicUrl = new Options.PublicUrl(profile);
        upstream = new Options.Upstream(profile);
        tools = new Options.Tools(profile);
        limits = new Options.Limits(profile);
        store = new Options.Store(profile);
        admin = new Options.Admin(profile);
        oauth = new Options.OAuth(profile);
        return Commands.with(
                Commands.runs(name(), this::run, description()),
                http,
                publicUrl,
                oauth,
                upstream,
                tools,
                limits,
                store,
                admin);
    }

    /** What {@code serve} runs with: its flags, over the environment, over the defaults. */
    record Settings(ServerConfig server, StoreConfig store, AdminConfig admin) {}

    /** The settings of the command line {@link #spec} parsed last. */
    Settings settings() throws UsageException {
        ConfigReader config = context.config();
        ServerConfig server = config.oauth(config.server(upstream, tools, http, publicUrl, limits), oauth, publicUrl);
        return new Settings(server, config.store(store), config.admin(admin));
    }

    private int run() throws Exception {
        Settings settings = settings();
        return context.launcher().serve(settings.server(), settings.store(), settings.admin(), context);
    }
}

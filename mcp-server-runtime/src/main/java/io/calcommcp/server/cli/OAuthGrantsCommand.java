package io.calcommcp.server.cli;

import io.calcommcp.server.admin.AdminService;
import io.calcommcp.server.store.McpServerConfig;
import io.calcommcp.server.store.StoredOAuthGrant;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code oauth-grants}: what people allowed OAuth clients on the consent page of {@code serve
 * --oauth}, each an integrated account with their own key and the tools they chose. Grants are
 * made by people, not here; here they are listed, shown and revoked.
 */
final class OAuthGrantsCommand extends AdminCommandSupport {

    private static final String ID = "The grant's id";

    OAuthGrantsCommand(CliContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "oauth-grants";
    }

    @Override
    public String[] description() {
        return new String[] {
            "OAuth grants people made on the consent page of serve --oauth, each with their own API key and"
                    + " the tools they chose; revoking one ends its tokens at once, on every replica."
        };
    }

    @Override
    List<CommandSpec> subcommands(VendorProfile profile) {
        return List.of(list(profile), show(profile), revoke(profile));
    }

    private CommandSpec list(VendorProfile profile) {
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        return Commands.with(
                Commands.runs("list", () -> list(store, output), "Lists the grants, oldest first (never a token)."),
                store,
                output);
    }

    private int list(Options.Store store, Options.Json output) throws Exception {
        return withAdmin(store, (admin, json) -> {
            List<AdminService.OAuthGrantDetails> grants = admin.oauthGrants();
            if (output.json()) {
                printJson(json.oauthGrants(grants));
            } else {
                printTable(
                        List.of("ID", "CLIENT", "METHODS", "TAGS", "CREATED", "LAST ISSUED"),
                        grants.stream()
                                .map(g -> List.of(
                                        g.grant().id(),
                                        client(g.grant()),
                                        methods(g.server().config()),
                                        tags(g.server().config()),
                                        g.grant().createdAt().toString(),
                                        orDash(g.grant().lastIssuedAt())))
                                .toList());
            }
            return 0;
        });
    }

    private CommandSpec show(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument("ID", ID);
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "show", () -> show(id.getValue(), store, output), "Shows one grant: its client and its tools.");
        return Commands.with(command.addPositional(id), store, output);
    }

    private int show(String id, Options.Store store, Options.Json output) throws Exception {
        return withAdmin(store, (admin, json) -> {
            AdminService.OAuthGrantDetails details = admin.oauthGrant(id);
            if (output.json()) {
                printJson(json.oauthGrant(details));
            } else {
                StoredOAuthGrant grant = details.grant();
                McpServerConfig config = details.server().config();
                context.out().println("id:                " + grant.id());
                context.out().println("client:            " + client(grant));
                context.out().println("client id:         " + grant.clientId());
                context.out().println("resource:          " + grant.resource());
                context.out().println("account:           " + grant.accountId());
                context.out().println("MCP server:        " + grant.mcpServerId());
                context.out().println("methods:           " + methods(config));
                context.out().println("tags:              " + tags(config));
                context.out()
                        .println("tool exposure:     " + config.toolExposure().label());
                context.out().println("created at:        " + grant.createdAt());
                context.out()
                        .println("first exchanged:   "
                                + grant.activatedAt().map(Object::toString).orElse("not yet"));
                context.out()
                        .println("last issued at:    "
                                + grant.lastIssuedAt().map(Object::toString).orElse("never"));
                context.out()
                        .println("last used at:      "
                                + details.server()
                                        .lastUsedAt()
                                        .map(Object::toString)
                                        .orElse("never"));
            }
            return 0;
        });
    }

    private CommandSpec revoke(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument("ID", ID);
        Options.Store store = new Options.Store(profile);
        CommandSpec command = Commands.runs(
                "revoke",
                () -> revoke(id.getValue(), store),
                "Revokes a grant: its tokens stop working at once, and the person's key is deleted with it.");
        return Commands.with(command.addPositional(id), store);
    }

    private int revoke(String id, Options.Store store) throws Exception {
        return withAdmin(store, (admin, json) -> {
            admin.revokeOAuthGrant(id);
            context.out().println("Revoked OAuth grant " + id + ": its tokens no longer work.");
            return 0;
        });
    }

    private static String client(StoredOAuthGrant grant) {
        return grant.clientName().orElse(grant.clientId());
    }

    private static String methods(McpServerConfig config) {
        return config.methods().map(m -> String.join(",", m)).orElse("all");
    }

    private static String tags(McpServerConfig config) {
        return config.tags().map(t -> String.join(",", t)).orElse("all");
    }
}

package io.calcommcp.server.cli;

import io.calcommcp.server.admin.ApiTokenChanges;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.store.ApiTokens;
import io.calcommcp.server.store.StoredApiToken;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code api-tokens}: the second credential that MCP server URLs may require. */
final class ApiTokensCommand extends AdminCommandSupport {

    ApiTokensCommand(CliContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "api-tokens";
    }

    @Override
    public String[] description() {
        return new String[] {
            "API tokens, which MCP server URLs created with --require-api-token also demand, as"
                    + " Authorization: Bearer <token>. A token is shown once, when it is created."
        };
    }

    @Override
    List<CommandSpec> subcommands(VendorProfile profile) {
        return List.of(create(profile), list(profile), revoke(profile));
    }

    private CommandSpec create(VendorProfile profile) {
        OptionSpec name = Commands.requiredText("--name", "NAME", "A name for people");
        Options.Expiry expiry = new Options.Expiry();
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "create",
                () -> create(name.getValue(), expiry, store, output),
                "Creates an API token and prints it, once.");
        return Commands.with(Commands.with(command, name), expiry, store, output);
    }

    private int create(String name, Options.Expiry expiry, Options.Store store, Options.Json output) throws Exception {
        Change<String> expiresAt =
                ConfigReader.expiry(expiry, context.clock()).map(Change::set).orElse(Change.keep());
        return withAdmin(store, (admin, json) -> {
            ApiTokens.Created created =
                    admin.createApiToken(new ApiTokenChanges(Change.set(name), expiresAt), new FieldErrors());
            if (output.json()) {
                printJson(json.createdApiToken(created.apiToken(), created.token()));
            } else {
                context.out().println("Created API token " + created.apiToken().id() + " (" + name + ").");
                context.out().println("The token, shown only now:");
                context.out().println("  " + created.token());
            }
            return 0;
        });
    }

    private CommandSpec list(VendorProfile profile) {
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        return Commands.with(
                Commands.runs("list", () -> list(store, output), "Lists the API tokens (never the tokens themselves)."),
                store,
                output);
    }

    private int list(Options.Store store, Options.Json output) throws Exception {
        return withAdmin(store, (admin, json) -> {
            List<StoredApiToken> tokens = admin.apiTokens();
            if (output.json()) {
                printJson(json.apiTokens(tokens));
            } else {
                printTable(
                        List.of("ID", "NAME", "EXPIRES", "CREATED"),
                        tokens.stream()
                                .map(t -> List.of(
                                        t.id(),
                                        t.name(),
                                        orDash(t.expiresAt()),
                                        t.createdAt().toString()))
                                .toList());
            }
            return 0;
        });
    }

    private CommandSpec revoke(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument("ID", "The API token's id");
        Options.Store store = new Options.Store(profile);
        CommandSpec command = Commands.runs(
                "revoke", () -> revoke(id.getValue(), store), "Revokes an API token: it stops working at once.");
        return Commands.with(command.addPositional(id), store);
    }

    private int revoke(String id, Options.Store store) throws Exception {
        return withAdmin(store, (admin, json) -> {
            admin.revokeApiToken(id);
            context.out().println("Revoked API token " + id + ".");
            return 0;
        });
    }
}

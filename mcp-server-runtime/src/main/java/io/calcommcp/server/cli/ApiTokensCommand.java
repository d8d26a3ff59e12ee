package io.calcommcp.server.cli;

import io.calcommcp.server.admin.ApiTokenChanges;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.store.ApiTokens;
import io.calcommcp.server.store.StoredApiToken;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "api-tokens",
        mixinStandardHelpOptions = true,
        description = {
            "API tokens, which MCP server URLs created with --require-api-token also demand, as"
                    + " Authorization: Bearer <token>. A token is shown once, when it is created.",
            ""
        },
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
final class ApiTokensCommand extends AdminCommandSupport {

    ApiTokensCommand(CliContext context) {
        super(context);
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates an API token and prints it, once.")
    int create(
            @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name for people")
                    String name,
            @Mixin Options.Expiry expiry,
            @Mixin Options.Store store,
            @Mixin Options.Json output)
            throws Exception {
        Change<String> expiresAt = context.config()
                .expiry(expiry, context.clock())
                .map(Change::set)
                .orElse(Change.keep());
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            ApiTokens.Created created =
                    admin.createApiToken(new ApiTokenChanges(Change.set(name), expiresAt), new FieldErrors());
            if (output.json) {
                printJson(json.createdApiToken(created.apiToken(), created.token()));
            } else {
                context.out().println("Created API token " + created.apiToken().id() + " (" + name + ").");
                context.out().println("The token, shown only now:");
                context.out().println("  " + created.token());
            }
            return 0;
        });
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the API tokens (never the tokens themselves).")
    int list(@Mixin Options.Store store, @Mixin Options.Json output) throws Exception {
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            List<StoredApiToken> tokens = admin.apiTokens();
            if (output.json) {
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

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revokes an API token: it stops working at once.")
    int revoke(@Parameters(paramLabel = "ID", description = "The API token's id") String id, @Mixin Options.Store store)
            throws Exception {
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            admin.revokeApiToken(id);
            context.out().println("Revoked API token " + id + ".");
            return 0;
        });
    }
}

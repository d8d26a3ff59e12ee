package io.calcommcp.server.cli;

import io.calcommcp.server.admin.ApiTokenChanges;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.cli.args.CommandSpec;
import io.calcommcp.server.cli.args.OptionSpec;
import io.calcommcp.server.cli.args.ParsedArguments;
import io.calcommcp.server.store.ApiTokens;
import io.calcommcp.server.store.StoredApiToken;
import java.util.List;

/** {@code api-tokens}: the second credential that MCP server URLs may require. */
final class ApiTokensCommand extends AdminCommandSupport {

    private static final OptionSpec NAME =
            OptionSpec.value("--name", "NAME", "A name for people").required();

    ApiTokensCommand(CliContext context) {
        super(context);
    }

    CommandSpec spec() {
        return CommandSpec.named("api-tokens")
                .description("API tokens, which MCP server URLs created with --require-api-token also demand, as"
                        + " Authorization: Bearer <token>. A token is shown once, when it is created.")
                .subcommand(CommandSpec.named("create")
                        .description("Creates an API token and prints it, once.")
                        .option(NAME)
                        .options(Options.Expiry.OPTIONS)
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::create)
                        .build())
                .subcommand(CommandSpec.named("list")
                        .description("Lists the API tokens (never the tokens themselves).")
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::list)
                        .build())
                .subcommand(CommandSpec.named("revoke")
                        .description("Revokes an API token: it stops working at once.")
                        .positional("ID", "The API token's id")
                        .options(Options.Store.OPTIONS)
                        .action(this::revoke)
                        .build())
                .build();
    }

    private int create(ParsedArguments arguments) throws Exception {
        String name = arguments.value(NAME);
        Options.Expiry expiry = Options.Expiry.from(arguments);
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
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

    private int list(ParsedArguments arguments) throws Exception {
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
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

    private int revoke(ParsedArguments arguments) throws Exception {
        String id = arguments.positional(0);
        Options.Store store = Options.Store.from(arguments);
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            admin.revokeApiToken(id);
            context.out().println("Revoked API token " + id + ".");
            return 0;
        });
    }
}

package io.calcommcp.server.cli;

import io.calcommcp.server.admin.AccountChanges;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.cli.args.CommandSpec;
import io.calcommcp.server.cli.args.OptionSpec;
import io.calcommcp.server.cli.args.ParsedArguments;
import io.calcommcp.server.store.StoredAccount;
import java.util.List;

/** {@code accounts}: the integrated accounts of the store. */
final class AccountsCommand extends AdminCommandSupport {

    private static final OptionSpec NEW_NAME =
            OptionSpec.value("--name", "NAME", "A name for people").required();
    private static final OptionSpec BASE_URL =
            OptionSpec.value("--base-url", "URL", "The API's base URL for this account (default: the server's)");
    private static final OptionSpec RENAME = OptionSpec.value("--name", "NAME", "A new name");
    private static final OptionSpec NEW_BASE_URL = OptionSpec.value("--base-url", "URL", "A new base URL");
    private static final OptionSpec DEFAULT_BASE_URL =
            OptionSpec.flag("--default-base-url", "Use the server's base URL again");
    private static final OptionSpec ROTATE_KEY =
            OptionSpec.flag("--rotate-key", "Replace the key with the one in ${env}_API_KEY or standard input");
    private static final String ID_LABEL = "ID";
    private static final String ID = "The account's id";

    AccountsCommand(CliContext context) {
        super(context);
    }

    CommandSpec spec() {
        return CommandSpec.named("accounts")
                .description("Integrated accounts: one ${api} API key each, stored encrypted. The key is read from"
                        + " ${env}_API_KEY or standard input, never from a flag.")
                .subcommand(CommandSpec.named("create")
                        .description("Stores a new integrated account.")
                        .option(NEW_NAME)
                        .option(BASE_URL)
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::create)
                        .build())
                .subcommand(CommandSpec.named("list")
                        .description("Lists the integrated accounts.")
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::list)
                        .build())
                .subcommand(CommandSpec.named("show")
                        .description("Shows one integrated account (never its key).")
                        .positional(ID_LABEL, ID)
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::show)
                        .build())
                .subcommand(CommandSpec.named("update")
                        .description("Changes an integrated account: its name, its base URL, or (with --rotate-key)"
                                + " its key.")
                        .positional(ID_LABEL, ID)
                        .option(RENAME)
                        .option(NEW_BASE_URL)
                        .option(DEFAULT_BASE_URL)
                        .option(ROTATE_KEY)
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::update)
                        .build())
                .subcommand(CommandSpec.named("delete")
                        .description("Deletes an integrated account and every MCP server URL of it, at once.")
                        .positional(ID_LABEL, ID)
                        .options(Options.Store.OPTIONS)
                        .action(this::delete)
                        .build())
                .build();
    }

    private int create(ParsedArguments arguments) throws Exception {
        String name = arguments.value(NEW_NAME);
        String baseUrl = arguments.value(BASE_URL);
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
        String apiKey = readApiKey("accounts create");
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            StoredAccount account = admin.createAccount(
                    new AccountChanges(
                            Change.set(name),
                            Change.set(apiKey),
                            baseUrl == null ? Change.keep() : Change.set(baseUrl)),
                    new FieldErrors());
            if (output.json) {
                printJson(json.account(account));
            } else {
                context.out().println("Created integrated account " + account.id() + " (" + account.name() + ").");
            }
            return 0;
        });
    }

    private int list(ParsedArguments arguments) throws Exception {
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            List<StoredAccount> accounts = admin.accounts();
            if (output.json) {
                printJson(json.accounts(accounts));
            } else {
                printTable(
                        List.of("ID", "NAME", "BASE URL", "CREATED"),
                        accounts.stream()
                                .map(a -> List.of(
                                        a.id(),
                                        a.name(),
                                        a.baseUrl().orElse("(default)"),
                                        a.createdAt().toString()))
                                .toList());
            }
            return 0;
        });
    }

    private int show(ParsedArguments arguments) throws Exception {
        String id = arguments.positional(0);
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            StoredAccount account = admin.account(id);
            if (output.json) {
                printJson(json.account(account));
            } else {
                describe(account);
            }
            return 0;
        });
    }

    private int update(ParsedArguments arguments) throws Exception {
        String id = arguments.positional(0);
        String name = arguments.value(RENAME);
        String baseUrl = arguments.value(NEW_BASE_URL);
        boolean defaultBaseUrl = arguments.flag(DEFAULT_BASE_URL);
        boolean rotateKey = arguments.flag(ROTATE_KEY);
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
        if (baseUrl != null && defaultBaseUrl) {
            throw new UsageException("Give --base-url or --default-base-url, not both.");
        }
        String apiKey = rotateKey ? readApiKey("accounts update --rotate-key") : null;
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            AccountChanges changes = new AccountChanges(
                    name == null ? Change.keep() : Change.set(name),
                    apiKey == null ? Change.keep() : Change.set(apiKey),
                    defaultBaseUrl ? Change.clear() : baseUrl == null ? Change.keep() : Change.set(baseUrl));
            StoredAccount account = admin.updateAccount(id, changes, new FieldErrors());
            if (output.json) {
                printJson(json.account(account));
            } else {
                context.out()
                        .println("Updated integrated account " + account.id()
                                + (rotateKey ? "; its key was replaced." : "."));
            }
            return 0;
        });
    }

    private int delete(ParsedArguments arguments) throws Exception {
        String id = arguments.positional(0);
        Options.Store store = Options.Store.from(arguments);
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            admin.deleteAccount(id);
            context.out().println("Deleted integrated account " + id + " and its MCP server URLs.");
            return 0;
        });
    }

    private void describe(StoredAccount account) {
        context.out().println("id:         " + account.id());
        context.out().println("name:       " + account.name());
        context.out().println("base URL:   " + account.baseUrl().orElse("(the server's default)"));
        context.out().println("created at: " + account.createdAt());
        context.out().println("updated at: " + account.updatedAt());
    }
}

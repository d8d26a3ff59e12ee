package io.calcommcp.server.cli;

import io.calcommcp.server.admin.AccountChanges;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.store.StoredAccount;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "accounts",
        mixinStandardHelpOptions = true,
        description = {
            "Integrated accounts: one ${bundle:api} API key each, stored encrypted. The key is read from"
                    + " ${bundle:env}_API_KEY or standard input, never from a flag.",
            ""
        },
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
final class AccountsCommand extends AdminCommandSupport {

    AccountsCommand(CliContext context) {
        super(context);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Stores a new integrated account.")
    int create(
            @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name for people")
                    String name,
            @Option(
                            names = "--base-url",
                            paramLabel = "URL",
                            description = "The API's base URL for this account (default: the server's)")
                    String baseUrl,
            @Mixin Options.Store store,
            @Mixin Options.Json output)
            throws Exception {
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

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the integrated accounts.")
    int list(@Mixin Options.Store store, @Mixin Options.Json output) throws Exception {
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

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Shows one integrated account (never its key).")
    int show(
            @Parameters(paramLabel = "ID", description = "The account's id") String id,
            @Mixin Options.Store store,
            @Mixin Options.Json output)
            throws Exception {
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

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Changes an integrated account: its name, its base URL, or (with --rotate-key) its key.")
    int update(
            @Parameters(paramLabel = "ID", description = "The account's id") String id,
            @Option(names = "--name", paramLabel = "NAME", description = "A new name") String name,
            @Option(names = "--base-url", paramLabel = "URL", description = "A new base URL") String baseUrl,
            @Option(names = "--default-base-url", description = "Use the server's base URL again")
                    boolean defaultBaseUrl,
            @Option(
                            names = "--rotate-key",
                            description = "Replace the key with the one in ${bundle:env}_API_KEY or standard input")
                    boolean rotateKey,
            @Mixin Options.Store store,
            @Mixin Options.Json output)
            throws Exception {
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

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Deletes an integrated account and every MCP server URL of it, at once.")
    int delete(@Parameters(paramLabel = "ID", description = "The account's id") String id, @Mixin Options.Store store)
            throws Exception {
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

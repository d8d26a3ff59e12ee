package io.calcommcp.server.cli;

import io.calcommcp.server.admin.AccountChanges;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.store.StoredAccount;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code accounts}: the integrated accounts of the store. */
final class AccountsCommand extends AdminCommandSupport {

    private static final String ID_LABEL = "ID";
    private static final String ID = "The account's id";

    AccountsCommand(CliContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public String[] description() {
        VendorProfile profile = context.tools().profile();
        return new String[] {
            "Integrated accounts: one " + profile.displayName() + " API key each, stored encrypted. The key is"
                    + " read from " + profile.environmentVariable("API_KEY")
                    + " or standard input, never from a flag."
        };
    }

    @Override
    List<CommandSpec> subcommands(VendorProfile profile) {
        return List.of(create(profile), list(profile), show(profile), update(profile), delete(profile));
    }

    private CommandSpec create(VendorProfile profile) {
        OptionSpec name = Commands.requiredText("--name", "NAME", "A name for people");
        OptionSpec baseUrl =
                Commands.text("--base-url", "URL", "The API's base URL for this account (default: the server's)");
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "create",
                () -> create(name.getValue(), baseUrl.getValue(), store, output),
                "Stores a new integrated account.");
        return Commands.with(Commands.with(command, name, baseUrl), store, output);
    }

    private int create(String name, String baseUrl, Options.Store store, Options.Json output) throws Exception {
        String apiKey = readApiKey("accounts create");
        return withAdmin(store, (admin, json) -> {
            StoredAccount account = admin.createAccount(
                    new AccountChanges(
                            Change.set(name),
                            Change.set(apiKey),
                            baseUrl == null ? Change.keep() : Change.set(baseUrl)),
                    new FieldErrors());
            if (output.json()) {
                printJson(json.account(account));
            } else {
                context.out().println("Created integrated account " + account.id() + " (" + account.name() + ").");
            }
            return 0;
        });
    }

    private CommandSpec list(VendorProfile profile) {
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        return Commands.with(
                Commands.runs("list", () -> list(store, output), "Lists the integrated accounts."), store, output);
    }

    private int list(Options.Store store, Options.Json output) throws Exception {
        return withAdmin(store, (admin, json) -> {
            List<StoredAccount> accounts = admin.accounts();
            if (output.json()) {
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

    private CommandSpec show(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument(ID_LABEL, ID);
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "show", () -> show(id.getValue(), store, output), "Shows one integrated account (never its key).");
        return Commands.with(command.addPositional(id), store, output);
    }

    private int show(String id, Options.Store store, Options.Json output) throws Exception {
        return withAdmin(store, (admin, json) -> {
            StoredAccount account = admin.account(id);
            if (output.json()) {
                printJson(json.account(account));
            } else {
                describe(account);
            }
            return 0;
        });
    }

    private CommandSpec update(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument(ID_LABEL, ID);
        OptionSpec name = Commands.text("--name", "NAME", "A new name");
        OptionSpec baseUrl = Commands.text("--base-url", "URL", "A new base URL");
        OptionSpec defaultBaseUrl = Commands.flag("--default-base-url", "Use the server's base URL again");
        OptionSpec rotateKey = Commands.flag(
                "--rotate-key",
                "Replace the key with the one in " + profile.environmentVariable("API_KEY") + " or standard input");
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "update",
                () -> update(
                        id.getValue(),
                        name.getValue(),
                        baseUrl.getValue(),
                        Commands.given(defaultBaseUrl),
                        Commands.given(rotateKey),
                        store,
                        output),
                "Changes an integrated account: its name, its base URL, or (with --rotate-key) its key.");
        return Commands.with(
                Commands.with(command.addPositional(id), name, baseUrl, defaultBaseUrl, rotateKey), store, output);
    }

    private int update(
            String id,
            String name,
            String baseUrl,
            boolean defaultBaseUrl,
            boolean rotateKey,
            Options.Store store,
            Options.Json output)
            throws Exception {
        if (baseUrl != null && defaultBaseUrl) {
            throw new UsageException("Give --base-url or --default-base-url, not both.");
        }
        String apiKey = rotateKey ? readApiKey("accounts update --rotate-key") : null;
        return withAdmin(store, (admin, json) -> {
            AccountChanges changes = new AccountChanges(
                    name == null ? Change.keep() : Change.set(name),
                    apiKey == null ? Change.keep() : Change.set(apiKey),
                    defaultBaseUrl ? Change.clear() : baseUrl == null ? Change.keep() : Change.set(baseUrl));
            StoredAccount account = admin.updateAccount(id, changes, new FieldErrors());
            if (output.json()) {
                printJson(json.account(account));
            } else {
                context.out()
                        .println("Updated integrated account " + account.id()
                                + (rotateKey ? "; its key was replaced." : "."));
            }
            return 0;
        });
    }

    private CommandSpec delete(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument(ID_LABEL, ID);
        Options.Store store = new Options.Store(profile);
        CommandSpec command = Commands.runs(
                "delete",
                () -> delete(id.getValue(), store),
                "Deletes an integrated account and every MCP server URL of it, at once.");
        return Commands.with(command.addPositional(id), store);
    }

    private int delete(String id, Options.Store store) throws Exception {
        return withAdmin(store, (admin, json) -> {
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

package io.calcommcp.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.admin.AdminJson;
import io.calcommcp.server.admin.AdminService;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreException;
import io.calcommcp.toolapi.VendorProfile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the admin commands share: a group of subcommands, opening the store, reading a key,
 * printing records.
 */
abstract class AdminCommandSupport implements TopLevelCommand {

    final CliContext context;

    AdminCommandSupport(CliContext context) {
        this.context = context;
    }

    /** The subcommands, in the order the help lists them, each with its own options. */
    abstract List<CommandSpec> subcommands(VendorProfile profile);

    @Override
    public CommandSpec spec() {
        return Commands.groups(name(), subcommands(context.tools().profile()), description());
    }

    /** An admin operation on the open store. */
    @FunctionalInterface
    interface Operation {
        int run(AdminService admin, AdminJson json) throws Exception;
    }

    /** Opens the store, runs {@code operation}, closes the store. */
    int withAdmin(Options.Store storeOptions, Operation operation) throws Exception {
        return withAdmin(
                storeOptions, mcpUrls(new Options.PublicUrl(context.tools().profile())), operation);
    }

    /** Opens the store, runs {@code operation} with URLs spelled as {@code urls}, closes the store. */
    int withAdmin(Options.Store storeOptions, McpUrls urls, Operation operation) throws Exception {
        ConfigReader config = context.config();
        try (Store store = open(config, storeOptions)) {
            AdminService admin = new AdminService(
                    store,
                    context.tools().tools().stream().map(t -> t.definition()).toList(),
                    context.clock(),
                    urls);
            return operation.run(admin, new AdminJson(context.json()));
        }
    }

    /**
     * How the URLs of new MCP servers are spelled: on the public URL if {@code publicUrl} or its
     * variable gives one, else on the listen address the environment names (or the default one).
     */
    McpUrls mcpUrls(Options.PublicUrl publicUrl) throws UsageException {
        return context.config()
                .mcpUrls(publicUrl, new Options.Http(context.tools().profile()));
    }

    private Store open(ConfigReader config, Options.Store storeOptions) throws UsageException, StoreException {
        Store store = config.store(storeOptions).open(context.clock());
        store.createdKeyFile()
                .ifPresent(file -> context.err()
                        .println("Created the encryption key file " + file + " for this new store (owner-only)."
                                + " Keep it safe: without it the stored API keys cannot be read. To keep it"
                                + " elsewhere, move it and pass --encryption-key-file or "
                                + config.variable("MCP_ENCRYPTION_KEY") + "."));
        return store;
    }

    /**
     * The API key: from {@code <PREFIX>_API_KEY}, else the first line of standard input (typed at a
     * hidden prompt when standard input is a terminal). Never a flag: command lines are visible to
     * every user of the machine.
     */
    String readApiKey(String subcommand) throws UsageException, IOException {
        ConfigReader config = context.config();
        Optional<String> fromEnv = config.apiKey();
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        Console console = System.console();
        if (context.in() == System.in && console != null) {
            char[] typed = console.readPassword("API key (not shown): ");
            if (typed != null && typed.length > 0) {
                return new String(typed).trim();
            }
        } else {
            BufferedReader reader = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line != null && !line.isBlank()) {
                return line.trim();
            }
        }
        throw new UsageException("No API key: set " + config.variable("API_KEY") + " or pipe the key into " + subcommand
                + ", e.g. printf %s \"$KEY\" | " + context.command() + " " + subcommand + " ...");
    }

    void printJson(JsonNode node) throws JsonProcessingException {
        context.out().println(context.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    /** Rows under a header, in columns as wide as their widest cell. */
    void printTable(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(header, widths);
        rows.forEach(row -> printRow(row, widths));
        context.out().println(rows.size() + (rows.size() == 1 ? " entry" : " entries"));
    }

    private void printRow(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i + 1 < cells.size() ? String.format("%-" + widths[i] + "s  ", cells.get(i)) : cells.get(i));
        }
        context.out().println(line.toString().stripTrailing());
    }

    static String orDash(Optional<?> value) {
        return value.map(Object::toString).orElse("-");
    }
}

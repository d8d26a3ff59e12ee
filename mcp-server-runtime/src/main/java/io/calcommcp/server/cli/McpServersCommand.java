package io.calcommcp.server.cli;

import io.calcommcp.server.admin.AdminService;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.admin.McpServerChanges;
import io.calcommcp.server.store.McpServerConfig;
import io.calcommcp.server.store.StoredMcpServer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "mcp-servers",
        mixinStandardHelpOptions = true,
        description = {
            "MCP server URLs of an integrated account: each one's random token alone authenticates it and"
                    + " selects its tools. The URL is shown once, when it is created.",
            ""
        },
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
final class McpServersCommand extends AdminCommandSupport {

    McpServersCommand(CliContext context) {
        super(context);
    }

    /** The filters and settings {@code create} and {@code update} share. */
    static final class ConfigOptions {
        @Option(
                names = "--methods",
                split = ",",
                paramLabel = "METHOD",
                description = "read (list, get and other reads), write (create, update, delete and other changes), or"
                        + " exact verbs such as list or cancel; comma-separated (default: all)")
        List<String> methods;

        @Option(
                names = "--tags",
                split = ",",
                paramLabel = "TAG",
                description = "Resource tags such as bookings or schedules; comma-separated (default: all)")
        List<String> tags;

        @Option(
                names = "--require-api-token",
                negatable = true,
                description = "Requests must also send Authorization: Bearer <api token> (see api-tokens)")
        Boolean requireApiToken;

        @Option(
                names = "--tool-exposure",
                paramLabel = "MODE",
                description = "all (list every allowed tool) or discovery (three meta-tools to search, inspect and call"
                        + " them)")
        String toolExposure;

        @Option(
                names = "--max-calls-per-minute",
                paramLabel = "N",
                description = "Tool calls a minute this URL may make: a number, none, or default (the serving"
                        + " server's --max-calls-per-minute); counted per replica")
        String maxCallsPerMinute;

        Change<OptionalInt> callLimit() throws UsageException {
            if (maxCallsPerMinute == null) {
                return Change.keep();
            }
            String text = maxCallsPerMinute.trim().toLowerCase(Locale.ROOT);
            if (text.equals("none")) {
                return Change.clear();
            }
            if (text.equals("default")) {
                return Change.set(OptionalInt.empty());
            }
            try {
                return Change.set(OptionalInt.of(Integer.parseInt(text)));
            } catch (NumberFormatException e) {
                throw new UsageException(
                        "--max-calls-per-minute: '" + maxCallsPerMinute + "' is not a whole number, none or default.");
            }
        }
    }

    /** What only {@code update} can do: lift a filter again. */
    static final class FilterResets {
        @Option(names = "--all-methods", description = "Allow every method again")
        boolean allMethods;

        @Option(names = "--all-tags", description = "Allow every tag again")
        boolean allTags;
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Mints a new MCP server URL for an integrated account and prints it, once.")
    int create(
            @Option(names = "--account", required = true, paramLabel = "ID", description = "The integrated account")
                    String account,
            @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name for people")
                    String name,
            @Mixin ConfigOptions config,
            @Mixin Options.Expiry expiry,
            @Mixin Options.PublicUrl publicUrl,
            @Mixin Options.Store store,
            @Mixin Options.Json output)
            throws Exception {
        Change<String> expiresAt = context.config()
                .expiry(expiry, context.clock())
                .map(Change::set)
                .orElse(Change.keep());
        McpServerChanges changes = new McpServerChanges(
                Change.set(name),
                config.methods == null ? Change.keep() : Change.set(config.methods),
                config.tags == null ? Change.keep() : Change.set(config.tags),
                config.requireApiToken == null ? Change.keep() : Change.set(config.requireApiToken),
                config.toolExposure == null ? Change.keep() : Change.set(config.toolExposure),
                config.callLimit(),
                expiresAt);
        return withAdmin(store, publicUrl, new Options.Http(), (admin, json) -> {
            AdminService.CreatedMcpServer created = admin.createMcpServer(account, changes, new FieldErrors());
            if (output.json) {
                printJson(json.createdMcpServer(created));
            } else {
                context.out()
                        .println("Created MCP server " + created.server().id() + " ("
                                + created.server().name() + ") for integrated account " + account + ".");
                context.out().println("Its URL, shown only now (anyone who has it can use the tools it allows):");
                context.out().println("  " + created.url());
            }
            return 0;
        });
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the MCP servers of an integrated account.")
    int list(
            @Option(names = "--account", required = true, paramLabel = "ID", description = "The integrated account")
                    String account,
            @Mixin Options.Store store,
            @Mixin Options.Json output)
            throws Exception {
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            List<StoredMcpServer> servers = admin.mcpServers(account);
            if (output.json) {
                printJson(json.mcpServers(servers));
            } else {
                printTable(
                        List.of("ID", "NAME", "METHODS", "TAGS", "API TOKEN", "EXPIRES", "LAST USED"),
                        servers.stream()
                                .map(s -> List.of(
                                        s.id(),
                                        s.name(),
                                        s.config()
                                                .methods()
                                                .map(m -> String.join(",", m))
                                                .orElse("all"),
                                        s.config()
                                                .tags()
                                                .map(t -> String.join(",", t))
                                                .orElse("all"),
                                        s.config().requireApiTokenAuth() ? "required" : "-",
                                        orDash(s.expiresAt()),
                                        orDash(s.lastUsedAt())))
                                .toList());
            }
            return 0;
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one MCP server (never its URL).")
    int show(
            @Parameters(paramLabel = "ID", description = "The MCP server's id") String id,
            @Option(names = "--account", paramLabel = "ID", description = "Only if it belongs to this account")
                    String account,
            @Mixin Options.Store store,
            @Mixin Options.Json output)
            throws Exception {
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            StoredMcpServer server = admin.mcpServer(Optional.ofNullable(account), id);
            if (output.json) {
                printJson(json.mcpServer(server));
            } else {
                describe(server);
            }
            return 0;
        });
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Changes an MCP server's name, filters, API-token requirement or expiry; its URL stays.")
    int update(
            @Parameters(paramLabel = "ID", description = "The MCP server's id") String id,
            @Option(names = "--account", paramLabel = "ID", description = "Only if it belongs to this account")
                    String account,
            @Option(names = "--name", paramLabel = "NAME", description = "A new name") String name,
            @Mixin ConfigOptions config,
            @Mixin FilterResets resets,
            @Mixin Options.Expiry expiry,
            @Option(names = "--no-expiry", description = "Never expire") boolean noExpiry,
            @Mixin Options.Store store,
            @Mixin Options.Json output)
            throws Exception {
        if (config.methods != null && resets.allMethods) {
            throw new UsageException("Give --methods or --all-methods, not both.");
        }
        if (config.tags != null && resets.allTags) {
            throw new UsageException("Give --tags or --all-tags, not both.");
        }
        Optional<String> newExpiry = context.config().expiry(expiry, context.clock());
        if (noExpiry && newExpiry.isPresent()) {
            throw new UsageException("Give --no-expiry or a new expiry, not both.");
        }
        McpServerChanges changes = new McpServerChanges(
                name == null ? Change.keep() : Change.set(name),
                resets.allMethods
                        ? Change.clear()
                        : config.methods == null ? Change.keep() : Change.set(config.methods),
                resets.allTags ? Change.clear() : config.tags == null ? Change.keep() : Change.set(config.tags),
                config.requireApiToken == null ? Change.keep() : Change.set(config.requireApiToken),
                config.toolExposure == null ? Change.keep() : Change.set(config.toolExposure),
                config.callLimit(),
                noExpiry ? Change.clear() : newExpiry.map(Change::set).orElse(Change.keep()));
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            StoredMcpServer server =
                    admin.updateMcpServer(Optional.ofNullable(account), id, changes, new FieldErrors());
            if (output.json) {
                printJson(json.mcpServer(server));
            } else {
                context.out().println("Updated MCP server " + server.id() + ".");
            }
            return 0;
        });
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Deletes an MCP server: its URL stops working at once.")
    int delete(
            @Parameters(paramLabel = "ID", description = "The MCP server's id") String id,
            @Option(names = "--account", paramLabel = "ID", description = "Only if it belongs to this account")
                    String account,
            @Mixin Options.Store store)
            throws Exception {
        return withAdmin(store, new Options.PublicUrl(), new Options.Http(), (admin, json) -> {
            admin.deleteMcpServer(Optional.ofNullable(account), id);
            context.out().println("Deleted MCP server " + id + "; its URL no longer works.");
            return 0;
        });
    }

    private void describe(StoredMcpServer server) {
        context.out().println("id:                " + server.id());
        context.out().println("account:           " + server.accountId());
        context.out().println("name:              " + server.name());
        context.out()
                .println("methods:           "
                        + server.config()
                                .methods()
                                .map(m -> String.join(", ", m))
                                .orElse("all"));
        context.out()
                .println("tags:              "
                        + server.config().tags().map(t -> String.join(", ", t)).orElse("all"));
        context.out()
                .println("API token:         " + (server.config().requireApiTokenAuth() ? "required" : "not required"));
        context.out()
                .println("tool exposure:     " + server.config().toolExposure().label());
        context.out()
                .println("calls per minute:  "
                        + server.config().maxCallsPerMinute().stream()
                                .mapToObj(n -> n == McpServerConfig.NO_CALL_LIMIT ? "no limit" : String.valueOf(n))
                                .findFirst()
                                .orElse("the server's default"));
        context.out()
                .println("expires at:        "
                        + server.expiresAt().map(Object::toString).orElse("never"));
        context.out().println("created at:        " + server.createdAt());
        context.out()
                .println("last used at:      "
                        + server.lastUsedAt().map(Object::toString).orElse("never"));
    }
}

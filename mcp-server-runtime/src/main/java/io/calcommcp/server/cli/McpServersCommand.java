package io.calcommcp.server.cli;

import io.calcommcp.server.admin.AdminService;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.admin.McpServerChanges;
import io.calcommcp.server.cli.args.CommandSpec;
import io.calcommcp.server.cli.args.OptionSpec;
import io.calcommcp.server.cli.args.ParsedArguments;
import io.calcommcp.server.store.McpServerConfig;
import io.calcommcp.server.store.StoredMcpServer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code mcp-servers}: the scoped URLs of an integrated account. */
final class McpServersCommand extends AdminCommandSupport {

    private static final OptionSpec ACCOUNT =
            OptionSpec.value("--account", "ID", "The integrated account").required();
    private static final OptionSpec ACCOUNT_CHECK =
            OptionSpec.value("--account", "ID", "Only if it belongs to this account");
    private static final OptionSpec NEW_NAME =
            OptionSpec.value("--name", "NAME", "A name for people").required();
    private static final OptionSpec RENAME = OptionSpec.value("--name", "NAME", "A new name");
    private static final OptionSpec NO_EXPIRY = OptionSpec.flag("--no-expiry", "Never expire");
    private static final String ID_LABEL = "ID";
    private static final String ID = "The MCP server's id";

    McpServersCommand(CliContext context) {
        super(context);
    }

    CommandSpec spec() {
        return CommandSpec.named("mcp-servers")
                .description("MCP server URLs of an integrated account: each one's random token alone authenticates"
                        + " it and selects its tools. The URL is shown once, when it is created.")
                .subcommand(CommandSpec.named("create")
                        .description("Mints a new MCP server URL for an integrated account and prints it, once.")
                        .option(ACCOUNT)
                        .option(NEW_NAME)
                        .options(ConfigOptions.OPTIONS)
                        .options(Options.Expiry.OPTIONS)
                        .options(Options.PublicUrl.OPTIONS)
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::create)
                        .build())
                .subcommand(CommandSpec.named("list")
                        .description("Lists the MCP servers of an integrated account.")
                        .option(ACCOUNT)
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::list)
                        .build())
                .subcommand(CommandSpec.named("show")
                        .description("Shows one MCP server (never its URL).")
                        .positional(ID_LABEL, ID)
                        .option(ACCOUNT_CHECK)
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::show)
                        .build())
                .subcommand(CommandSpec.named("update")
                        .description("Changes an MCP server's name, filters, API-token requirement or expiry; its URL"
                                + " stays.")
                        .positional(ID_LABEL, ID)
                        .option(ACCOUNT_CHECK)
                        .option(RENAME)
                        .options(ConfigOptions.OPTIONS)
                        .options(FilterResets.OPTIONS)
                        .options(Options.Expiry.OPTIONS)
                        .option(NO_EXPIRY)
                        .options(Options.Store.OPTIONS)
                        .options(Options.Json.OPTIONS)
                        .action(this::update)
                        .build())
                .subcommand(CommandSpec.named("delete")
                        .description("Deletes an MCP server: its URL stops working at once.")
                        .positional(ID_LABEL, ID)
                        .option(ACCOUNT_CHECK)
                        .options(Options.Store.OPTIONS)
                        .action(this::delete)
                        .build())
                .build();
    }

    /** The filters and settings {@code create} and {@code update} share. */
    static final class ConfigOptions {
        static final OptionSpec METHODS = OptionSpec.commaSeparated(
                "--methods",
                "METHOD",
                "read (list, get and other reads), write (create, update, delete and other changes), or exact verbs"
                        + " such as list or cancel; comma-separated (default: all)");
        static final OptionSpec TAGS = OptionSpec.commaSeparated(
                "--tags", "TAG", "Resource tags such as bookings or schedules; comma-separated (default: all)");
        static final OptionSpec REQUIRE_API_TOKEN = OptionSpec.negatable(
                "--require-api-token", "Requests must also send Authorization: Bearer <api token> (see api-tokens)");
        static final OptionSpec TOOL_EXPOSURE = OptionSpec.value(
                "--tool-exposure",
                "MODE",
                "all (list every allowed tool) or discovery (three meta-tools to search, inspect and call them)");
        static final OptionSpec MAX_CALLS_PER_MINUTE = OptionSpec.value(
                "--max-calls-per-minute",
                "N",
                "Tool calls a minute this URL may make: a number, none, or default (the serving server's"
                        + " --max-calls-per-minute); counted per replica");
        static final List<OptionSpec> OPTIONS =
                List.of(METHODS, TAGS, REQUIRE_API_TOKEN, TOOL_EXPOSURE, MAX_CALLS_PER_MINUTE);

        List<String> methods;
        List<String> tags;
        Boolean requireApiToken;
        String toolExposure;
        String maxCallsPerMinute;

        static ConfigOptions from(ParsedArguments arguments) {
            ConfigOptions options = new ConfigOptions();
            options.methods = arguments.has(METHODS) ? arguments.values(METHODS) : null;
            options.tags = arguments.has(TAGS) ? arguments.values(TAGS) : null;
            options.requireApiToken = arguments.switched(REQUIRE_API_TOKEN);
            options.toolExposure = arguments.value(TOOL_EXPOSURE);
            options.maxCallsPerMinute = arguments.value(MAX_CALLS_PER_MINUTE);
            return options;
        }

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
        static final OptionSpec ALL_METHODS = OptionSpec.flag("--all-methods", "Allow every method again");
        static final OptionSpec ALL_TAGS = OptionSpec.flag("--all-tags", "Allow every tag again");
        static final List<OptionSpec> OPTIONS = List.of(ALL_METHODS, ALL_TAGS);

        boolean allMethods;
        boolean allTags;

        static FilterResets from(ParsedArguments arguments) {
            FilterResets resets = new FilterResets();
            resets.allMethods = arguments.flag(ALL_METHODS);
            resets.allTags = arguments.flag(ALL_TAGS);
            return resets;
        }
    }

    private int create(ParsedArguments arguments) throws Exception {
        String account = arguments.value(ACCOUNT);
        String name = arguments.value(NEW_NAME);
        ConfigOptions config = ConfigOptions.from(arguments);
        Options.Expiry expiry = Options.Expiry.from(arguments);
        Options.PublicUrl publicUrl = Options.PublicUrl.from(arguments);
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
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

    private int list(ParsedArguments arguments) throws Exception {
        String account = arguments.value(ACCOUNT);
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
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

    private int show(ParsedArguments arguments) throws Exception {
        String id = arguments.positional(0);
        String account = arguments.value(ACCOUNT_CHECK);
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
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

    private int update(ParsedArguments arguments) throws Exception {
        String id = arguments.positional(0);
        String account = arguments.value(ACCOUNT_CHECK);
        String name = arguments.value(RENAME);
        ConfigOptions config = ConfigOptions.from(arguments);
        FilterResets resets = FilterResets.from(arguments);
        Options.Expiry expiry = Options.Expiry.from(arguments);
        boolean noExpiry = arguments.flag(NO_EXPIRY);
        Options.Store store = Options.Store.from(arguments);
        Options.Json output = Options.Json.from(arguments);
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

    private int delete(ParsedArguments arguments) throws Exception {
        String id = arguments.positional(0);
        String account = arguments.value(ACCOUNT_CHECK);
        Options.Store store = Options.Store.from(arguments);
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

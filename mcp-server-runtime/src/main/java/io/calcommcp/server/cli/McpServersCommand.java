package io.calcommcp.server.cli;

import io.calcommcp.server.admin.AdminService;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.admin.McpServerChanges;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.store.McpServerConfig;
import io.calcommcp.server.store.StoredMcpServer;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.TypeConversionException;

/** {@code mcp-servers}: the scoped URLs of an integrated account. */
final class McpServersCommand extends AdminCommandSupport {

    private static final String ID_LABEL = "ID";
    private static final String ID = "The MCP server's id";

    McpServersCommand(CliContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "mcp-servers";
    }

    @Override
    public String[] description() {
        return new String[] {
            "MCP server URLs of an integrated account: each one's random token alone authenticates it and"
                    + " selects its tools. The URL is shown once, when it is created."
        };
    }

    @Override
    List<CommandSpec> subcommands(VendorProfile profile) {
        return List.of(create(profile), list(profile), show(profile), update(profile), delete(profile));
    }

    /** The filters and settings {@code create} and {@code update} share. */
    static final class ConfigOptions implements Options.Group {
        private final OptionSpec methods;
        private final OptionSpec tags =
                list("--tags", "TAG", "Resource tags such as bookings or schedules; comma-separated (default: all)");
        private final OptionSpec requireApiToken = OptionSpec.builder("--require-api-token")
                .type(Boolean.class)
                .arity("0")
                .negatable(true)
                .description("Requests must also send Authorization: Bearer <api token> (see api-tokens)")
                .build();
        // Checked by the admin service, which reports every bad field at once.
        private final OptionSpec toolExposure = OptionSpec.builder("--tool-exposure")
                .paramLabel("MODE")
                .type(String.class)
                .completionCandidates(List.of("all", "discovery"))
                .description("all (list every allowed tool) or discovery (three meta-tools to search, inspect and call"
                        + " them)")
                .build();
        private final OptionSpec maxCallsPerMinute = OptionSpec.builder("--max-calls-per-minute")
                .paramLabel("N")
                .type(Change.class)
                .converters(ConfigOptions::callLimit)
                .description("Tool calls a minute this URL may make: a number, none, or default (the serving"
                        + " server's --max-calls-per-minute); counted per replica")
                .build();

        ConfigOptions(List<PreparedTool> tools) {
            methods = list(
                    "--methods",
                    "METHOD",
                    MethodsHelp.of(tools.stream().map(PreparedTool::definition).toList()));
        }

        private static OptionSpec list(String name, String label, String description) {
            return OptionSpec.builder(name)
                    .paramLabel(label)
                    .type(List.class)
                    .auxiliaryTypes(String.class)
                    .splitRegex(",")
                    .description(description)
                    .build();
        }

        /** {@code none} lifts the limit; {@code default} follows the serving server's. */
        private static Change<OptionalInt> callLimit(String text) {
            String trimmed = text.trim().toLowerCase(Locale.ROOT);
            if (trimmed.equals("none")) {
                return Change.clear();
            }
            if (trimmed.equals("default")) {
                return Change.set(OptionalInt.empty());
            }
            try {
                return Change.set(OptionalInt.of(Integer.parseInt(trimmed)));
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "--max-calls-per-minute: '" + text + "' is not a whole number, none or default.");
            }
        }

        Optional<List<String>> methods() {
            return Optional.ofNullable(methods.getValue());
        }

        Optional<List<String>> tags() {
            return Optional.ofNullable(tags.getValue());
        }

        /** True for {@code --require-api-token}, false for {@code --no-require-api-token}. */
        Optional<Boolean> requireApiToken() {
            return Optional.ofNullable(requireApiToken.getValue());
        }

        Optional<String> toolExposure() {
            return Optional.ofNullable(toolExposure.getValue());
        }

        Change<OptionalInt> callLimit() {
            Change<OptionalInt> given = maxCallsPerMinute.getValue();
            return given == null ? Change.keep() : given;
        }

        @Override
        public void addTo(CommandSpec command) {
            command.addOption(methods);
            command.addOption(tags);
            command.addOption(requireApiToken);
            command.addOption(toolExposure);
            command.addOption(maxCallsPerMinute);
        }
    }

    private CommandSpec create(VendorProfile profile) {
        OptionSpec account = Commands.requiredText("--account", "ID", "The integrated account");
        OptionSpec name = Commands.requiredText("--name", "NAME", "A name for people");
        ConfigOptions config = new ConfigOptions(context.tools().tools());
        Options.Expiry expiry = new Options.Expiry();
        Options.PublicUrl publicUrl = new Options.PublicUrl(profile);
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "create",
                () -> create(account.getValue(), name.getValue(), config, expiry, publicUrl, store, output),
                "Mints a new MCP server URL for an integrated account and prints it, once.");
        return Commands.with(Commands.with(command, account, name), config, expiry, publicUrl, store, output);
    }

    private int create(
            String account,
            String name,
            ConfigOptions config,
            Options.Expiry expiry,
            Options.PublicUrl publicUrl,
            Options.Store store,
            Options.Json output)
            throws Exception {
        Change<String> expiresAt =
                ConfigReader.expiry(expiry, context.clock()).map(Change::set).orElse(Change.keep());
        McpServerChanges changes = new McpServerChanges(
                Change.set(name),
                config.methods().map(Change::set).orElse(Change.keep()),
                config.tags().map(Change::set).orElse(Change.keep()),
                config.requireApiToken().map(Change::set).orElse(Change.keep()),
                config.toolExposure().map(Change::set).orElse(Change.keep()),
                config.callLimit(),
                expiresAt);
        McpUrls urls = mcpUrls(publicUrl);
        boolean listenAddress = context.config().publicUrl(publicUrl).isEmpty();
        return withAdmin(store, urls, (admin, json) -> {
            AdminService.CreatedMcpServer created = admin.createMcpServer(account, changes, new FieldErrors());
            if (output.json()) {
                printJson(json.createdMcpServer(created));
            } else {
                context.out()
                        .println("Created MCP server " + created.server().id() + " ("
                                + created.server().name() + ") for integrated account " + account + ".");
                context.out().println("Its URL, shown only now (anyone who has it can use the tools it allows):");
                context.out().println("  " + created.url());
            }
            if (listenAddress) {
                context.err().println(listenAddressNote(urls));
            }
            return 0;
        });
    }

    /**
     * Why a URL minted without a public URL may be wrong: it is spelled with the listen address the
     * environment names (or the default), and nothing in the store says where a server runs.
     */
    private String listenAddressNote(McpUrls urls) {
        ConfigReader config = context.config();
        return "Note: no --public-url or " + config.variable("MCP_PUBLIC_URL") + " was given, so the URL is spelled"
                + " with " + urls.singleKey() + ", the listen address " + config.variable("MCP_HOST") + " and "
                + config.variable("MCP_PORT") + " name (or their defaults), not necessarily where the server runs or"
                + " where clients reach it. The token is the part after /mcp/: use it with the address clients"
                + " reach, such as https://mcp.example.com/mcp/<token>, and pass --public-url next time.";
    }

    private CommandSpec list(VendorProfile profile) {
        OptionSpec account = Commands.requiredText("--account", "ID", "The integrated account");
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "list",
                () -> list(account.getValue(), store, output),
                "Lists the MCP servers of an integrated account.");
        return Commands.with(Commands.with(command, account), store, output);
    }

    private int list(String account, Options.Store store, Options.Json output) throws Exception {
        return withAdmin(store, (admin, json) -> {
            List<StoredMcpServer> servers = admin.mcpServers(account);
            if (output.json()) {
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

    /** {@code --account}, where it only checks that the MCP server belongs to that account. */
    private static OptionSpec accountCheck() {
        return Commands.text("--account", "ID", "Only if it belongs to this account");
    }

    private CommandSpec show(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument(ID_LABEL, ID);
        OptionSpec account = accountCheck();
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "show",
                () -> show(id.getValue(), account.getValue(), store, output),
                "Shows one MCP server (never its URL).");
        return Commands.with(Commands.with(command.addPositional(id), account), store, output);
    }

    private int show(String id, String account, Options.Store store, Options.Json output) throws Exception {
        return withAdmin(store, (admin, json) -> {
            StoredMcpServer server = admin.mcpServer(Optional.ofNullable(account), id);
            if (output.json()) {
                printJson(json.mcpServer(server));
            } else {
                describe(server);
            }
            return 0;
        });
    }

    private CommandSpec update(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument(ID_LABEL, ID);
        OptionSpec account = accountCheck();
        OptionSpec name = Commands.text("--name", "NAME", "A new name");
        ConfigOptions config = new ConfigOptions(context.tools().tools());
        OptionSpec allMethods = Commands.flag("--all-methods", "Allow every method again");
        OptionSpec allTags = Commands.flag("--all-tags", "Allow every tag again");
        Options.Expiry expiry = new Options.Expiry();
        OptionSpec noExpiry = Commands.flag("--no-expiry", "Never expire");
        Options.Store store = new Options.Store(profile);
        Options.Json output = new Options.Json();
        CommandSpec command = Commands.runs(
                "update",
                () -> update(
                        id.getValue(),
                        account.getValue(),
                        name.getValue(),
                        config,
                        Commands.given(allMethods),
                        Commands.given(allTags),
                        expiry,
                        Commands.given(noExpiry),
                        store,
                        output),
                "Changes an MCP server's name, filters, API-token requirement or expiry; its URL stays.");
        Commands.with(command.addPositional(id), account, name);
        Commands.with(command, config);
        Commands.with(command, allMethods, allTags);
        Commands.with(command, expiry);
        Commands.with(command, noExpiry);
        return Commands.with(command, store, output);
    }

    private int update(
            String id,
            String account,
            String name,
            ConfigOptions config,
            boolean allMethods,
            boolean allTags,
            Options.Expiry expiry,
            boolean noExpiry,
            Options.Store store,
            Options.Json output)
            throws Exception {
        if (config.methods().isPresent() && allMethods) {
            throw new UsageException("Give --methods or --all-methods, not both.");
        }
        if (config.tags().isPresent() && allTags) {
            throw new UsageException("Give --tags or --all-tags, not both.");
        }
        Optional<String> newExpiry = ConfigReader.expiry(expiry, context.clock());
        if (noExpiry && newExpiry.isPresent()) {
            throw new UsageException("Give --no-expiry or a new expiry, not both.");
        }
        McpServerChanges changes = new McpServerChanges(
                name == null ? Change.keep() : Change.set(name),
                allMethods ? Change.clear() : config.methods().map(Change::set).orElse(Change.keep()),
                allTags ? Change.clear() : config.tags().map(Change::set).orElse(Change.keep()),
                config.requireApiToken().map(Change::set).orElse(Change.keep()),
                config.toolExposure().map(Change::set).orElse(Change.keep()),
                config.callLimit(),
                noExpiry ? Change.clear() : newExpiry.map(Change::set).orElse(Change.keep()));
        return withAdmin(store, (admin, json) -> {
            StoredMcpServer server =
                    admin.updateMcpServer(Optional.ofNullable(account), id, changes, new FieldErrors());
            if (output.json()) {
                printJson(json.mcpServer(server));
            } else {
                context.out().println("Updated MCP server " + server.id() + ".");
            }
            return 0;
        });
    }

    private CommandSpec delete(VendorProfile profile) {
        PositionalParamSpec id = Commands.argument(ID_LABEL, ID);
        OptionSpec account = accountCheck();
        Options.Store store = new Options.Store(profile);
        CommandSpec command = Commands.runs(
                "delete",
                () -> delete(id.getValue(), account.getValue(), store),
                "Deletes an MCP server: its URL stops working at once.");
        return Commands.with(Commands.with(command.addPositional(id), account), store);
    }

    private int delete(String id, String account, Options.Store store) throws Exception {
        return withAdmin(store, (admin, json) -> {
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

package io.calcommcp.codegen.model;

import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.rules.ServerRules;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.toolapi.CredentialScheme;
import io.calcommcp.toolapi.SearchProfile;
import io.calcommcp.toolapi.VendorProfile;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The profile of the API for the generated server: the rules' {@code server:} block, with defaults
 * from the spec and the vendor word for everything it leaves out.
 */
final class ProfileBuilder {

    /** Where common JSON APIs (NestJS, Rails, many others) put an error's message, code and details. */
    private static final List<String> DEFAULT_ERROR_MESSAGE = List.of("/error/message", "/message", "/error");

    private static final List<String> DEFAULT_ERROR_CODE = List.of("/error/code", "/code", "/error");
    private static final List<String> DEFAULT_ERROR_DETAILS = List.of("/error/details", "/details", "/errors");
    /** The IETF draft's names and the older X- prefixed ones. */
    private static final List<String> DEFAULT_RATE_LIMIT_HEADERS = List.of("ratelimit-", "x-ratelimit-");

    private final TaggingRules rules;
    private final OpenAPI api;
    private final Diagnostics diagnostics;

    ProfileBuilder(TaggingRules rules, OpenAPI api, Diagnostics diagnostics) {
        this.rules = rules;
        this.api = api;
        this.diagnostics = diagnostics;
    }

    /**
     * How the credential is sent: as the rules' {@code server.credential} says, else as the spec's
     * security schemes do, else as a bearer token.
     */
    static CredentialScheme credential(TaggingRules rules, OpenAPI api) {
        ServerRules server = rules.server();
        if (server.credentialHeader().isPresent() || server.credentialPrefix().isPresent()) {
            return new CredentialScheme(
                    server.credentialHeader().orElse("Authorization"),
                    server.credentialPrefix().orElse("Bearer "));
        }
        return SecuritySchemes.of(api).map(SecuritySchemes.Found::credential).orElse(CredentialScheme.bearer());
    }

    /**
     * The profile; warns about tool names in {@code instructions} that are not among {@code tools}
     * (a renamed tool the instructions still recommend), and checks that the key check names a
     * read-only tool that needs no arguments.
     *
     * @param search what the server's search and fetch tools search, checked already
     */
    VendorProfile build(String instructions, List<ToolDescriptor> tools, SearchProfile search) {
        ServerRules server = rules.server();
        String vendor = rules.vendor();
        String title = api.getInfo() == null || api.getInfo().getTitle() == null
                ? vendor
                : api.getInfo().getTitle();
        String baseUrl = server.baseUrl().orElseGet(this::specServerUrl);
        if (baseUrl.isEmpty()) {
            diagnostics.warning(
                    rules.file(),
                    "the spec has no absolute server URL and the rules give no server.base-url, so the"
                            + " generated server needs its upstream URL at start-up",
                    "add server: {base-url: https://...} to the rules");
        }
        checkToolNames(instructions, tools);
        VendorProfile.Builder profile = VendorProfile.builder(
                        server.displayName().orElse(title))
                .toolWord(vendor)
                .serverName(server.name().orElse(vendor + "-mcp"))
                .environmentPrefix(server.environmentPrefix().orElse(vendor.toUpperCase(Locale.ROOT)))
                .defaultBaseUrl(baseUrl)
                .credential(credential(rules, api))
                .credentialHelp(server.credentialHelp().orElse(""))
                .errorMessages(
                        server.errorMessage().orElse(DEFAULT_ERROR_MESSAGE).toArray(String[]::new))
                .errorCodes(server.errorCode().orElse(DEFAULT_ERROR_CODE).toArray(String[]::new))
                .errorDetails(
                        server.errorDetails().orElse(DEFAULT_ERROR_DETAILS).toArray(String[]::new))
                .rateLimitHeaders(server.rateLimitHeaders()
                        .orElse(DEFAULT_RATE_LIMIT_HEADERS)
                        .toArray(String[]::new))
                .instructions(instructions.strip());
        server.records().ifPresent(profile::records);
        keyCheck(tools).ifPresent(profile::keyCheck);
        return profile.search(search).build();
    }

    /**
     * The key check's tool: one the OAuth consent page calls with a person's key and no
     * arguments, before anything is stored, so it must exist, only read and need nothing.
     */
    private Optional<String> keyCheck(List<ToolDescriptor> tools) {
        ServerRules server = rules.server();
        if (server.keyCheck().isEmpty()) {
            return Optional.empty();
        }
        Location where = rules.at(server.keyCheckLine());
        Optional<ToolDescriptor> tool = new ToolReferences(tools, diagnostics)
                .readTool(server.keyCheck().get(), "server.key-check", where);
        tool.ifPresent(t -> {
            List<String> required = ToolReferences.requiredArguments(t);
            if (!required.isEmpty()) {
                diagnostics.error(
                        where,
                        "server.key-check names " + t.name() + ", which requires " + String.join(", ", required)
                                + "; the key check calls it with no arguments",
                        "name a cheap read without required arguments, such as the one that reads the key's own"
                                + " user");
            }
        });
        return tool.map(ToolDescriptor::name);
    }

    /** The spec's first server URL, if it is absolute; relative ones depend on where the spec was served. */
    private String specServerUrl() {
        List<Server> servers = api.getServers();
        if (servers == null) {
            return "";
        }
        return servers.stream()
                .map(Server::getUrl)
                .filter(url -> url != null && url.matches("https?://.+"))
                .map(url -> url.replaceAll("/+$", ""))
                .findFirst()
                .orElse("");
    }

    private void checkToolNames(String instructions, List<ToolDescriptor> tools) {
        Set<String> names = tools.stream().map(ToolDescriptor::name).collect(Collectors.toSet());
        Pattern toolName =
                Pattern.compile("\\b[a-z0-9]+(?:_[a-z0-9]+)*_" + Pattern.quote(rules.vendor()) + "_[a-z0-9_]+\\b");
        Set<String> unknown = new TreeSet<>();
        Matcher m = toolName.matcher(instructions);
        while (m.find()) {
            if (!names.contains(m.group())) {
                unknown.add(m.group());
            }
        }
        if (!unknown.isEmpty()) {
            Location where = rules.server().instructionsLine() > 0
                    ? rules.at(rules.server().instructionsLine())
                    : rules.file();
            diagnostics.warning(
                    where,
                    "the instructions name " + unknown + ", which " + (unknown.size() == 1 ? "is" : "are")
                            + " not among the generated tools",
                    "update the instructions file to the current tool names");
        }
    }
}

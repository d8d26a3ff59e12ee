package io.calcommcp.server.admin;

import io.calcommcp.server.access.ToolFilter;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.store.ApiTokens;
import io.calcommcp.server.store.McpServerConfig;
import io.calcommcp.server.store.McpServers;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoredAccount;
import io.calcommcp.server.store.StoredApiToken;
import io.calcommcp.server.store.StoredMcpServer;
import io.calcommcp.server.store.StoredOAuthGrant;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ToolExposure;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every administrative operation, with every validation: the REST API and the command line both
 * call these, so they accept and refuse exactly the same things. A request with bad fields is
 * refused with all of them at once ({@link InvalidRequestException}); an unknown id is a {@link
 * NotFoundException}. Nothing is written unless the whole request is valid.
 */
public final class AdminService {

    /** The soonest an expiry may be: a URL that expires in seconds is a mistake. */
    public static final Duration MINIMUM_LIFETIME = Duration.ofSeconds(60);

    private static final int MAX_NAME = 200;
    private static final int MAX_API_KEY = 1000;

    private final Store store;
    private final List<ToolDefinition> tools;
    private final Clock clock;
    private final McpUrls urls;

    /**
     * @param tools the tools the server serves: scoped URLs must allow at least one of them
     * @param urls how the URL of a new MCP server is spelled
     */
    public AdminService(Store store, List<ToolDefinition> tools, Clock clock, McpUrls urls) {
        this.store = store;
        this.tools = List.copyOf(tools);
        this.clock = clock;
        this.urls = urls;
    }

    /** A new MCP server and the URL that alone gives access to it (shown once). */
    public record CreatedMcpServer(StoredMcpServer server, String url) {}

    // --- integrated accounts -------------------------------------------------------------------

    public StoredAccount createAccount(AccountChanges request, FieldErrors errors) throws InvalidRequestException {
        String name = required(request.name(), "name", errors);
        String apiKey = required(request.apiKey(), "api_key", errors);
        checkName(name, "name", errors);
        checkApiKey(apiKey, errors);
        Optional<String> baseUrl = request.baseUrl().value();
        baseUrl.ifPresent(url -> checkBaseUrl(url, errors));
        errors.throwIfAny();
        return store.accounts().create(name, apiKey, baseUrl);
    }

    public List<StoredAccount> accounts() {
        return store.accounts().list();
    }

    public StoredAccount account(String id) throws NotFoundException {
        return store.accounts().find(id).orElseThrow(() -> noAccount(id));
    }

    public StoredAccount updateAccount(String id, AccountChanges changes, FieldErrors errors)
            throws InvalidRequestException, NotFoundException {
        account(id);
        if (changes.name().kind() == Change.Kind.CLEAR) {
            errors.add("name", "must not be null: give a name");
        }
        if (changes.apiKey().kind() == Change.Kind.CLEAR) {
            errors.add("api_key", "must not be null: give the new key to rotate it, or leave the field out");
        }
        changes.name().value().ifPresent(name -> checkName(name, "name", errors));
        changes.apiKey().value().ifPresent(key -> checkApiKey(key, errors));
        changes.baseUrl().value().ifPresent(url -> checkBaseUrl(url, errors));
        errors.throwIfAny();
        return store.accounts()
                .update(
                        id,
                        changes.name().value(),
                        changes.apiKey().value(),
                        changes.baseUrl().value(),
                        changes.baseUrl().kind() == Change.Kind.CLEAR)
                .orElseThrow(() -> noAccount(id));
    }

    /** Deletes the account and with it every MCP server URL of it, at once. */
    public void deleteAccount(String id) throws NotFoundException {
        if (!store.accounts().delete(id)) {
            throw noAccount(id);
        }
    }

    // --- MCP servers ---------------------------------------------------------------------------

    public CreatedMcpServer createMcpServer(String accountId, McpServerChanges request, FieldErrors errors)
            throws InvalidRequestException, NotFoundException {
        account(accountId);
        String name = required(request.name(), "name", errors);
        checkName(name, "name", errors);
        McpServerConfig config = config(McpServerConfig.allTools(), request, errors);
        Optional<Instant> expiresAt = expiry(request.expiresAt(), Optional.empty(), errors);
        errors.throwIfAny();
        McpServers.Created created = store.mcpServers().create(accountId, name, config, expiresAt);
        return new CreatedMcpServer(created.server(), urls.urlFor(created.token()));
    }

    public List<StoredMcpServer> mcpServers(String accountId) throws NotFoundException {
        account(accountId);
        return store.mcpServers().listOf(accountId);
    }

    /**
     * The MCP server {@code id}; with an account id, only if it belongs to that account.
     */
    public StoredMcpServer mcpServer(Optional<String> accountId, String id) throws NotFoundException {
        if (accountId.isPresent()) {
            account(accountId.get());
        }
        return store.mcpServers()
                .find(id)
                .filter(server -> accountId.map(server.accountId()::equals).orElse(true))
                .orElseThrow(() -> new NotFoundException("There is no MCP server " + id
                        + accountId.map(a -> " of integrated account " + a).orElse("") + "."));
    }

    /** Changes name, config (only the keys given) and expiry; the URL stays the same. */
    public StoredMcpServer updateMcpServer(
            Optional<String> accountId, String id, McpServerChanges changes, FieldErrors errors)
            throws InvalidRequestException, NotFoundException {
        StoredMcpServer current = mcpServer(accountId, id);
        if (changes.name().kind() == Change.Kind.CLEAR) {
            errors.add("name", "must not be null: give a name");
        }
        changes.name().value().ifPresent(name -> checkName(name, "name", errors));
        McpServerConfig config = config(current.config(), changes, errors);
        Optional<Instant> expiresAt = expiry(changes.expiresAt(), current.expiresAt(), errors);
        errors.throwIfAny();
        return store.mcpServers()
                .update(id, changes.name().value().orElse(current.name()), config, expiresAt)
                .orElseThrow(() -> new NotFoundException("There is no MCP server " + id + "."));
    }

    /** Deletes the MCP server: its URL stops working at once. */
    public void deleteMcpServer(Optional<String> accountId, String id) throws NotFoundException {
        mcpServer(accountId, id);
        if (!store.mcpServers().delete(id)) {
            throw new NotFoundException("There is no MCP server " + id + ".");
        }
    }

    // --- API tokens ----------------------------------------------------------------------------

    public ApiTokens.Created createApiToken(ApiTokenChanges request, FieldErrors errors)
            throws InvalidRequestException {
        String name = required(request.name(), "name", errors);
        checkName(name, "name", errors);
        Optional<Instant> expiresAt = expiry(request.expiresAt(), Optional.empty(), errors);
        errors.throwIfAny();
        return store.apiTokens().create(name, expiresAt);
    }

    public List<StoredApiToken> apiTokens() {
        return store.apiTokens().list();
    }

    public StoredApiToken apiToken(String id) throws NotFoundException {
        return store.apiTokens().find(id).orElseThrow(() -> new NotFoundException("There is no API token " + id + "."));
    }

    /** Revokes the token: every URL that requires API tokens refuses it at once. */
    public void revokeApiToken(String id) throws NotFoundException {
        if (!store.apiTokens().revoke(id)) {
            throw new NotFoundException("There is no API token " + id + ".");
        }
    }

    // --- OAuth grants --------------------------------------------------------------------------

    /**
     * An OAuth grant with the MCP server record that holds its tools (methods and tags).
     *
     * @param grant the grant
     * @param server its MCP server record
     */
    public record OAuthGrantDetails(StoredOAuthGrant grant, StoredMcpServer server) {}

    /** Every OAuth grant people gave on the consent page, oldest first, each with its tools. */
    public List<OAuthGrantDetails> oauthGrants() {
        List<OAuthGrantDetails> grants = new ArrayList<>();
        for (StoredOAuthGrant grant : store.oauthGrants().list()) {
            store.mcpServers()
                    .find(grant.mcpServerId())
                    .ifPresent(server -> grants.add(new OAuthGrantDetails(grant, server)));
        }
        return grants;
    }

    public OAuthGrantDetails oauthGrant(String id) throws NotFoundException {
        Optional<StoredOAuthGrant> grant = store.oauthGrants().find(id);
        Optional<StoredMcpServer> server = grant.flatMap(g -> store.mcpServers().find(g.mcpServerId()));
        if (grant.isEmpty() || server.isEmpty()) {
            throw noGrant(id);
        }
        return new OAuthGrantDetails(grant.get(), server.get());
    }

    /**
     * Revokes the grant: its account (with the person's key), its MCP server record and every
     * token of it are deleted, so its tokens fail on the next request, on every replica.
     */
    public void revokeOAuthGrant(String id) throws NotFoundException {
        if (!store.oauthGrants().revoke(id)) {
            throw noGrant(id);
        }
    }

    private static NotFoundException noGrant(String id) {
        return new NotFoundException("There is no OAuth grant " + id + " (it may have been revoked already).");
    }

    // --- validation ----------------------------------------------------------------------------

    private McpServerConfig config(McpServerConfig current, McpServerChanges changes, FieldErrors errors) {
        Optional<List<String>> methods = changes.methods().applyTo(current.methods());
        Optional<List<String>> tags = changes.tags().applyTo(current.tags());
        methods.ifPresent(list -> checkMethods(list, errors));
        tags.ifPresent(list -> checkTags(list, errors));
        boolean requireApiToken = changes.requireApiTokenAuth()
                .applyTo(Optional.of(current.requireApiTokenAuth()))
                .orElse(false);
        ToolExposure exposure = current.toolExposure();
        Optional<String> exposureText = changes.toolExposure().value();
        if (changes.toolExposure().kind() == Change.Kind.CLEAR) {
            exposure = ToolExposure.ALL;
        } else if (exposureText.isPresent()) {
            Optional<ToolExposure> parsed = ToolExposure.fromLabel(exposureText.get());
            if (parsed.isEmpty()) {
                errors.add(
                        "config.tool_exposure",
                        "'" + exposureText.get() + "' is not a tool exposure: use all or discovery");
            } else {
                exposure = parsed.get();
            }
        }
        if (!errors.has("config.methods") && !errors.has("config.tags")) {
            ToolFilter filter = new ToolFilter(methods, tags);
            if (!filter.matchesAny(tools)) {
                errors.add(
                        "config",
                        "methods " + methods.map(Object::toString).orElse("(all)") + " and tags "
                                + tags.map(Object::toString).orElse("(all)")
                                + " together match no tool: widen one of them");
            }
        }
        OptionalInt callLimit = switch (changes.maxCallsPerMinute().kind()) {
            case KEEP -> current.maxCallsPerMinute();
            case CLEAR -> OptionalInt.of(McpServerConfig.NO_CALL_LIMIT);
            case SET -> changes.maxCallsPerMinute().value().orElseThrow();
        };
        // A number given must be 1 or more: "no limit" is spelled null, so that a typo cannot lift a limit.
        OptionalInt given = changes.maxCallsPerMinute().value().orElse(OptionalInt.empty());
        if (given.isPresent() && (given.getAsInt() < 1 || given.getAsInt() > RequestLimits.MAX_MAX_CALLS_PER_MINUTE)) {
            errors.add("config.max_calls_per_minute", CALL_LIMIT_HELP);
            callLimit = current.maxCallsPerMinute();
        }
        return new McpServerConfig(methods, tags, requireApiToken, exposure, callLimit);
    }

    private void checkMethods(List<String> methods, FieldErrors errors) {
        if (methods.isEmpty()) {
            errors.add(
                    "config.methods", "is empty, so no tool would match: name at least one, or leave it out for all");
            return;
        }
        SortedSet<String> verbs =
                tools.stream().map(ToolDefinition::verb).collect(Collectors.toCollection(TreeSet::new));
        List<String> unknown = new ArrayList<>();
        for (String method : methods) {
            if (!method.equals(ToolFilter.READ) && !method.equals(ToolFilter.WRITE) && !verbs.contains(method)) {
                unknown.add(method);
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(
                    "config.methods",
                    "unknown " + (unknown.size() == 1 ? "method " : "methods ") + String.join(", ", unknown)
                            + ": use read (" + verbsOf(Access.READ) + "), write (" + verbsOf(Access.WRITE)
                            + ") or one of those verbs");
        }
    }

    private String verbsOf(Access access) {
        return tools.stream()
                .filter(t -> t.access() == access)
                .map(ToolDefinition::verb)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(", "));
    }

    private void checkTags(List<String> tags, FieldErrors errors) {
        if (tags.isEmpty()) {
            errors.add("config.tags", "is empty, so no tool would match: name at least one, or leave it out for all");
            return;
        }
        SortedSet<String> known =
                tools.stream().flatMap(t -> t.tags().stream()).collect(Collectors.toCollection(TreeSet::new));
        List<String> unknown = tags.stream().filter(t -> !known.contains(t)).toList();
        if (!unknown.isEmpty()) {
            errors.add(
                    "config.tags",
                    "unknown " + (unknown.size() == 1 ? "tag " : "tags ") + String.join(", ", unknown) + ": use "
                            + String.join(", ", known));
        }
    }

    /** The expiry after the change; a new one must be at least a minute ahead. */
    private Optional<Instant> expiry(Change<String> change, Optional<Instant> current, FieldErrors errors) {
        if (change.kind() != Change.Kind.SET) {
            return change.kind() == Change.Kind.CLEAR ? Optional.empty() : current;
        }
        String text = change.value().orElseThrow();
        Instant at;
        try {
            // Stored to the millisecond, like every other time, so a restart shows the same value.
            at = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            errors.add(
                    "expires_at",
                    "'" + text + "' is not an ISO 8601 date-time with an offset, such as 2026-12-31T18:00:00Z or"
                            + " 2026-12-31T13:00:00-05:00; null means it never expires");
            return current;
        }
        Instant soonest = clock.instant().plus(MINIMUM_LIFETIME);
        if (at.isBefore(soonest)) {
            errors.add(
                    "expires_at",
                    "'" + text + "' is less than 60 seconds ahead (now is " + clock.instant()
                            + "): give a later time, or null for no expiry");
        }
        return Optional.of(at);
    }

    private static String required(Change<String> change, String field, FieldErrors errors) {
        if (change.kind() != Change.Kind.SET) {
            errors.add(field, "is required");
            return "";
        }
        return change.value().orElseThrow();
    }

    private static void checkName(String name, String field, FieldErrors errors) {
        if (errors.has(field)) {
            return;
        }
        if (name.isBlank()) {
            errors.add(field, "must not be blank");
        } else if (name.length() > MAX_NAME) {
            errors.add(field, "is " + name.length() + " characters long; at most " + MAX_NAME + " are allowed");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(field, "must not contain control characters (line breaks, tabs)");
        }
    }

    private static void checkApiKey(String key, FieldErrors errors) {
        if (errors.has("api_key")) {
            return;
        }
        if (key.isBlank()) {
            errors.add("api_key", "must not be blank");
        } else if (key.length() > MAX_API_KEY) {
            errors.add("api_key", "is longer than " + MAX_API_KEY + " characters; that is not an API key");
        } else if (key.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            // It goes into a header: a line break there would inject another header.
            errors.add("api_key", "must not contain spaces, line breaks or control characters");
        }
    }

    private static void checkBaseUrl(String url, FieldErrors errors) {
        try {
            URI uri = new URI(url);
            boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            if (!http || uri.getHost() == null) {
                errors.add("base_url", "'" + url + "' is not an http(s) URL such as https://api.example.com");
            } else if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                errors.add("base_url", "must have no user info, query or fragment: the key goes in api_key");
            }
        } catch (URISyntaxException e) {
            errors.add("base_url", "'" + url + "' is not a URL such as https://api.example.com");
        }
    }

    private static NotFoundException noAccount(String id) {
        return new NotFoundException("There is no integrated account " + id + ".");
    }

    /** What {@code max_calls_per_minute} may be, for messages. */
    static final String CALL_LIMIT_HELP = "must be a whole number from 1 to " + RequestLimits.MAX_MAX_CALLS_PER_MINUTE
            + ", null for no limit, or \"default\" for the server's --max-calls-per-minute";

    /** The allowed values of {@code tool_exposure}, for messages. */
    static String exposures() {
        return Arrays.stream(ToolExposure.values()).map(ToolExposure::label).collect(Collectors.joining(", "));
    }
}

package io.calcommcp.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.store.McpServerConfig;
import io.calcommcp.server.store.StoredAccount;
import io.calcommcp.server.store.StoredApiToken;
import io.calcommcp.server.store.StoredMcpServer;
import io.calcommcp.server.store.StoredOAuthGrant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The admin API's JSON, {@code snake_case}: requests read strictly (an unknown field is an error,
 * not ignored; every wrong type is named), answers written without secrets (an account never shows
 * its key; a token and a URL appear in their create answer only).
 */
public final class AdminJson {

    private static final Set<String> ACCOUNT_FIELDS = Set.of("name", "api_key", "base_url");
    private static final Set<String> MCP_SERVER_FIELDS = Set.of("name", "config", "expires_at");
    private static final Set<String> CONFIG_FIELDS =
            Set.of("methods", "tags", "require_api_token_auth", "tool_exposure", "max_calls_per_minute");

    /** How {@code max_calls_per_minute} names the server's default. */
    static final String DEFAULT_LIMIT = "default";

    private static final Set<String> API_TOKEN_FIELDS = Set.of("name", "expires_at");

    private final ObjectMapper json;

    public AdminJson(ObjectMapper json) {
        this.json = json;
    }

    // --- requests ------------------------------------------------------------------------------

    public AccountChanges account(JsonNode body, FieldErrors errors) {
        ObjectNode object = object(body, "", errors);
        unknownFields(object, ACCOUNT_FIELDS, "", errors);
        return new AccountChanges(
                text(object, "name", "name", errors),
                text(object, "api_key", "api_key", errors),
                text(object, "base_url", "base_url", errors));
    }

    public McpServerChanges mcpServer(JsonNode body, FieldErrors errors) {
        ObjectNode object = object(body, "", errors);
        unknownFields(object, MCP_SERVER_FIELDS, "", errors);
        JsonNode config = object.get("config");
        ObjectNode configObject = json.createObjectNode();
        if (config != null && !config.isNull()) {
            configObject = object(config, "config", errors);
            unknownFields(configObject, CONFIG_FIELDS, "config.", errors);
        }
        return new McpServerChanges(
                text(object, "name", "name", errors),
                strings(configObject, "methods", "config.methods", errors),
                strings(configObject, "tags", "config.tags", errors),
                bool(configObject, "require_api_token_auth", "config.require_api_token_auth", errors),
                text(configObject, "tool_exposure", "config.tool_exposure", errors),
                callLimit(configObject, errors),
                text(object, "expires_at", "expires_at", errors));
    }

    public ApiTokenChanges apiToken(JsonNode body, FieldErrors errors) {
        ObjectNode object = object(body, "", errors);
        unknownFields(object, API_TOKEN_FIELDS, "", errors);
        return new ApiTokenChanges(
                text(object, "name", "name", errors), text(object, "expires_at", "expires_at", errors));
    }

    private ObjectNode object(JsonNode node, String field, FieldErrors errors) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        errors.add(field.isEmpty() ? "body" : field, "must be a JSON object");
        return json.createObjectNode();
    }

    private static void unknownFields(ObjectNode object, Set<String> allowed, String prefix, FieldErrors errors) {
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                errors.add(prefix + name, "is not a field here; the fields are " + new TreeSet<>(allowed));
            }
        });
    }

    private static Change<String> text(ObjectNode object, String name, String field, FieldErrors errors) {
        JsonNode value = object.get(name);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.clear();
        }
        if (!value.isTextual()) {
            errors.add(field, "must be a string");
            return Change.keep();
        }
        return Change.set(value.asText());
    }

    private static Change<Boolean> bool(ObjectNode object, String name, String field, FieldErrors errors) {
        JsonNode value = object.get(name);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.clear();
        }
        if (!value.isBoolean()) {
            errors.add(field, "must be true or false");
            return Change.keep();
        }
        return Change.set(value.booleanValue());
    }

    /** A whole number of calls, {@code "default"} for the server's, or null for no limit. */
    private static Change<OptionalInt> callLimit(ObjectNode config, FieldErrors errors) {
        JsonNode value = config.get("max_calls_per_minute");
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.clear();
        }
        if (value.isTextual() && value.asText().equals(DEFAULT_LIMIT)) {
            return Change.set(OptionalInt.empty());
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add("config.max_calls_per_minute", AdminService.CALL_LIMIT_HELP);
            return Change.keep();
        }
        return Change.set(OptionalInt.of(value.intValue()));
    }

    private static Change<List<String>> strings(ObjectNode object, String name, String field, FieldErrors errors) {
        JsonNode value = object.get(name);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.clear();
        }
        if (!value.isArray()) {
            errors.add(field, "must be an array of strings, or null for all");
            return Change.keep();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                errors.add(field, "must be an array of strings, or null for all");
                return Change.keep();
            }
            out.add(item.asText());
        }
        return Change.set(out);
    }

    // --- answers -------------------------------------------------------------------------------

    public ObjectNode account(StoredAccount account) {
        ObjectNode out = json.createObjectNode().put("id", account.id()).put("name", account.name());
        putOptional(out, "base_url", account.baseUrl());
        out.put("created_at", account.createdAt().toString());
        out.put("updated_at", account.updatedAt().toString());
        return out;
    }

    public ArrayNode accounts(List<StoredAccount> accounts) {
        ArrayNode out = json.createArrayNode();
        accounts.forEach(a -> out.add(account(a)));
        return out;
    }

    public ObjectNode mcpServer(StoredMcpServer server) {
        ObjectNode out = json.createObjectNode()
                .put("id", server.id())
                .put("integrated_account_id", server.accountId())
                .put("name", server.name());
        out.set("config", config(server.config()));
        putInstant(out, "expires_at", server.expiresAt());
        out.put("created_at", server.createdAt().toString());
        putInstant(out, "last_used_at", server.lastUsedAt());
        return out;
    }

    /** The create answer: the record plus the URL, the one time it is shown. */
    public ObjectNode createdMcpServer(AdminService.CreatedMcpServer created) {
        return mcpServer(created.server()).put("url", created.url());
    }

    public ArrayNode mcpServers(List<StoredMcpServer> servers) {
        ArrayNode out = json.createArrayNode();
        servers.forEach(s -> out.add(mcpServer(s)));
        return out;
    }

    public ObjectNode apiToken(StoredApiToken token) {
        ObjectNode out = json.createObjectNode().put("id", token.id()).put("name", token.name());
        putInstant(out, "expires_at", token.expiresAt());
        out.put("created_at", token.createdAt().toString());
        return out;
    }

    /** The create answer: the record plus the token, the one time it is shown. */
    public ObjectNode createdApiToken(StoredApiToken record, String token) {
        return apiToken(record).put("token", token);
    }

    public ArrayNode apiTokens(List<StoredApiToken> tokens) {
        ArrayNode out = json.createArrayNode();
        tokens.forEach(t -> out.add(apiToken(t)));
        return out;
    }

    /**
     * An OAuth grant: who it was given to, for which resource, the tools it allows (its MCP server
     * record's config) and when it was created, first exchanged, last issued tokens and last used.
     * Never a token: the store has only their hashes.
     */
    public ObjectNode oauthGrant(AdminService.OAuthGrantDetails details) {
        StoredOAuthGrant grant = details.grant();
        StoredMcpServer server = details.server();
        ObjectNode out = json.createObjectNode().put("id", grant.id()).put("client_id", grant.clientId());
        putOptional(out, "client_name", grant.clientName());
        out.put("resource", grant.resource())
                .put("integrated_account_id", grant.accountId())
                .put("mcp_server_id", grant.mcpServerId())
                .put("name", server.name());
        out.set("config", config(server.config()));
        out.put("created_at", grant.createdAt().toString());
        putInstant(out, "activated_at", grant.activatedAt());
        putInstant(out, "last_issued_at", grant.lastIssuedAt());
        putInstant(out, "last_used_at", server.lastUsedAt());
        return out;
    }

    public ArrayNode oauthGrants(List<AdminService.OAuthGrantDetails> grants) {
        ArrayNode out = json.createArrayNode();
        grants.forEach(g -> out.add(oauthGrant(g)));
        return out;
    }

    /** {@code {"error": "invalid_request", "fields": {...}}}. */
    public ObjectNode invalid(Map<String, String> fields) {
        ObjectNode out = json.createObjectNode().put("error", "invalid_request");
        ObjectNode byField = out.putObject("fields");
        fields.forEach(byField::put);
        return out;
    }

    /** {@code {"error": code, "message": message}}. */
    public ObjectNode error(String code, String message) {
        return json.createObjectNode().put("error", code).put("message", message);
    }

    private ObjectNode config(McpServerConfig config) {
        ObjectNode out = json.createObjectNode();
        putList(out, "methods", config.methods());
        putList(out, "tags", config.tags());
        out.put("require_api_token_auth", config.requireApiTokenAuth());
        out.put("tool_exposure", config.toolExposure().label());
        if (config.maxCallsPerMinute().isEmpty()) {
            out.put("max_calls_per_minute", DEFAULT_LIMIT);
        } else if (config.maxCallsPerMinute().getAsInt() == McpServerConfig.NO_CALL_LIMIT) {
            out.putNull("max_calls_per_minute");
        } else {
            out.put("max_calls_per_minute", config.maxCallsPerMinute().getAsInt());
        }
        return out;
    }

    private static void putOptional(ObjectNode out, String name, Optional<String> value) {
        value.ifPresentOrElse(v -> out.put(name, v), () -> out.putNull(name));
    }

    private static void putInstant(ObjectNode out, String name, Optional<Instant> value) {
        value.ifPresentOrElse(v -> out.put(name, v.toString()), () -> out.putNull(name));
    }

    private static void putList(ObjectNode out, String name, Optional<List<String>> values) {
        values.ifPresentOrElse(
                list -> {
                    ArrayNode array = out.putArray(name);
                    list.forEach(array::add);
                },
                () -> out.putNull(name));
    }
}

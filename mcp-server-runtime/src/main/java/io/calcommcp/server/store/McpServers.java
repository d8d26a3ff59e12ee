package io.calcommcp.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.toolapi.ToolExposure;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** The MCP server URLs of the accounts. Each is found by the hash of its token, never by the token. */
public final class McpServers {

    private static final String COLUMNS = "id, account_id, name, methods, tags, require_api_token_auth, tool_exposure,"
            + " max_calls_per_minute, expires_at, created_at, last_used_at";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sql sql;
    private final Clock clock;

    McpServers(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** A new server with its token; the token is returned here once and stored only as a hash. */
    public record Created(StoredMcpServer server, String token) {}

    public Created create(String accountId, String name, McpServerConfig config, Optional<Instant> expiresAt) {
        String id = UUID.randomUUID().toString();
        String token = Tokens.newToken();
        Instant now = Sql.now(clock);
        sql.update(
                "INSERT INTO mcp_server (id, account_id, name, token_hash, methods, tags, require_api_token_auth,"
                        + " tool_exposure, max_calls_per_minute, expires_at, created_at, last_used_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                s -> {
                    s.setString(1, id);
                    s.setString(2, accountId);
                    s.setString(3, name);
                    s.setString(4, Tokens.hash(token));
                    Sql.setText(s, 5, config.methods().map(McpServers::json));
                    Sql.setText(s, 6, config.tags().map(McpServers::json));
                    s.setBoolean(7, config.requireApiTokenAuth());
                    s.setString(8, config.toolExposure().label());
                    setLimit(s, 9, config.maxCallsPerMinute());
                    Sql.setInstant(s, 10, expiresAt);
                    Sql.setInstant(s, 11, Optional.of(now));
                });
        return new Created(new StoredMcpServer(id, accountId, name, config, expiresAt, now, Optional.empty()), token);
    }

    public List<StoredMcpServer> listOf(String accountId) {
        return sql.query(
                "SELECT " + COLUMNS + " FROM mcp_server WHERE account_id = ? ORDER BY created_at, id",
                s -> s.setString(1, accountId),
                McpServers::row);
    }

    public Optional<StoredMcpServer> find(String id) {
        return sql.queryOne(
                "SELECT " + COLUMNS + " FROM mcp_server WHERE id = ?", s -> s.setString(1, id), McpServers::row);
    }

    /** The server whose token has this hash, expired or not. */
    public Optional<StoredMcpServer> findByTokenHash(String tokenHash) {
        return sql.queryOne(
                "SELECT " + COLUMNS + " FROM mcp_server WHERE token_hash = ?",
                s -> s.setString(1, tokenHash),
                McpServers::row);
    }

    /** Replaces name, config and expiry of an existing server; the token stays. */
    public Optional<StoredMcpServer> update(
            String id, String name, McpServerConfig config, Optional<Instant> expiresAt) {
        int changed = sql.update(
                "UPDATE mcp_server SET name = ?, methods = ?, tags = ?, require_api_token_auth = ?, tool_exposure = ?,"
                        + " max_calls_per_minute = ?, expires_at = ? WHERE id = ?",
                s -> {
                    s.setString(1, name);
                    Sql.setText(s, 2, config.methods().map(McpServers::json));
                    Sql.setText(s, 3, config.tags().map(McpServers::json));
                    s.setBoolean(4, config.requireApiTokenAuth());
                    s.setString(5, config.toolExposure().label());
                    setLimit(s, 6, config.maxCallsPerMinute());
                    Sql.setInstant(s, 7, expiresAt);
                    s.setString(8, id);
                });
        return changed == 0 ? Optional.empty() : find(id);
    }

    /** Deletes the server: its URL stops working at once. */
    public boolean delete(String id) {
        return sql.update("DELETE FROM mcp_server WHERE id = ?", s -> s.setString(1, id)) > 0;
    }

    /** Records that the server was used at {@code when}. */
    public void touch(String id, Instant when) {
        sql.update("UPDATE mcp_server SET last_used_at = ? WHERE id = ?", s -> {
            Sql.setInstant(s, 1, Optional.of(when));
            s.setString(2, id);
        });
    }

    private static StoredMcpServer row(ResultSet row) throws SQLException {
        McpServerConfig config = new McpServerConfig(
                Optional.ofNullable(row.getString("methods")).map(McpServers::list),
                Optional.ofNullable(row.getString("tags")).map(McpServers::list),
                row.getBoolean("require_api_token_auth"),
                ToolExposure.fromLabel(row.getString("tool_exposure")).orElse(ToolExposure.ALL),
                limit(row));
        return new StoredMcpServer(
                row.getString("id"),
                row.getString("account_id"),
                row.getString("name"),
                config,
                Sql.instant(row, "expires_at"),
                Sql.instant(row, "created_at").orElseThrow(),
                Sql.instant(row, "last_used_at"));
    }

    private static void setLimit(PreparedStatement statement, int index, OptionalInt limit) throws SQLException {
        if (limit.isPresent()) {
            statement.setInt(index, limit.getAsInt());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    private static OptionalInt limit(ResultSet row) throws SQLException {
        int value = row.getInt("max_calls_per_minute");
        return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new StoreUnavailableException("A stored list of methods or tags is not JSON", e);
        }
    }
}

package io.calcommcp.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The OAuth clients that registered themselves; each has an id the server chose, and no secret. */
public final class OAuthClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sql sql;
    private final Clock clock;

    OAuthClients(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Registers a client under a new random id. */
    public StoredOAuthClient register(Optional<String> name, List<String> redirectUris) {
        // Random like every token, so that ids tell nothing about other clients; they are not secret.
        String clientId = Tokens.newToken();
        Instant now = Sql.now(clock);
        sql.update(
                "INSERT INTO oauth_client (client_id, client_name, redirect_uris, created_at) VALUES (?, ?, ?, ?)",
                s -> {
                    s.setString(1, clientId);
                    Sql.setText(s, 2, name);
                    s.setString(3, json(redirectUris));
                    Sql.setInstant(s, 4, Optional.of(now));
                });
        return new StoredOAuthClient(clientId, name, redirectUris, now);
    }

    public Optional<StoredOAuthClient> find(String clientId) {
        return sql.queryOne(
                "SELECT client_id, client_name, redirect_uris, created_at FROM oauth_client WHERE client_id = ?",
                s -> s.setString(1, clientId),
                OAuthClients::row);
    }

    private static StoredOAuthClient row(ResultSet row) throws SQLException {
        return new StoredOAuthClient(
                row.getString("client_id"),
                Optional.ofNullable(row.getString("client_name")),
                list(row.getString("redirect_uris")),
                Sql.instant(row, "created_at").orElseThrow());
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
            throw new StoreUnavailableException("A client's stored redirect URIs are not JSON", e);
        }
    }
}

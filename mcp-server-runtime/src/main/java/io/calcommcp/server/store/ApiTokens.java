package io.calcommcp.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API tokens. Each is found by the hash of the token, never by the token. */
public final class ApiTokens {

    private static final String COLUMNS = "id, name, expires_at, created_at";

    private final Sql sql;
    private final Clock clock;

    ApiTokens(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** A new token; the token is returned here once and stored only as a hash. */
    public record Created(StoredApiToken apiToken, String token) {}

    public Created create(String name, Optional<Instant> expiresAt) {
        String id = UUID.randomUUID().toString();
        String token = Tokens.newToken();
        Instant now = Sql.now(clock);
        sql.update("INSERT INTO api_token (id, name, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)", s -> {
            s.setString(1, id);
            s.setString(2, name);
            s.setString(3, Tokens.hash(token));
            Sql.setInstant(s, 4, expiresAt);
            Sql.setInstant(s, 5, Optional.of(now));
        });
        return new Created(new StoredApiToken(id, name, expiresAt, now), token);
    }

    public List<StoredApiToken> list() {
        return sql.query("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at, id", s -> {}, ApiTokens::row);
    }

    public Optional<StoredApiToken> find(String id) {
        return sql.queryOne(
                "SELECT " + COLUMNS + " FROM api_token WHERE id = ?", s -> s.setString(1, id), ApiTokens::row);
    }

    /** The token with this hash, expired or not. */
    public Optional<StoredApiToken> findByTokenHash(String tokenHash) {
        return sql.queryOne(
                "SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ?",
                s -> s.setString(1, tokenHash),
                ApiTokens::row);
    }

    /** Revokes the token: it stops working at once. */
    public boolean revoke(String id) {
        return sql.update("DELETE FROM api_token WHERE id = ?", s -> s.setString(1, id)) > 0;
    }

    private static StoredApiToken row(ResultSet row) throws SQLException {
        return new StoredApiToken(
                row.getString("id"),
                row.getString("name"),
                Sql.instant(row, "expires_at"),
                Sql.instant(row, "created_at").orElseThrow());
    }
}

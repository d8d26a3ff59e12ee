package io.calcommcp.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The grants people gave OAuth clients, with their authorization codes, access tokens and refresh
 * tokens. Codes and tokens are given to this class as the client sent them and stored only as
 * their SHA-256 hashes ({@link Tokens}); every lookup is by hash.
 *
 * <p>Every change that must not be seen half-done runs in one transaction, and every "first one
 * wins" decision (a code's single use, a refresh token's rotation) is one conditional update, so
 * replicas sharing the database decide it once between them.
 */
public final class OAuthGrants {

    private static final String GRANT_COLUMNS = "g.id, g.client_id, g.client_name, g.resource, g.mcp_server_id,"
            + " s.account_id, g.created_at, g.activated_at, g.last_issued_at";
    private static final String GRANTS = " oauth_grant g JOIN mcp_server s ON s.id = g.mcp_server_id";
    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";

    private final Sql sql;
    private final SecretBox box;
    private final Clock clock;

    OAuthGrants(Sql sql, SecretBox box, Clock clock) {
        this.sql = sql;
        this.box = box;
        this.clock = clock;
    }

    /**
     * What a person consented to.
     *
     * @param clientId the client it is for
     * @param clientName the client's name as shown on the consent page
     * @param resource the protected resource its tokens will be for
     * @param name the name of the integrated account and MCP server record made for it
     * @param apiKey the person's API key, encrypted before it is stored
     * @param config the tools the person chose
     * @param redirectUri where the code goes; the token request must come from the same client
     * @param codeChallenge the PKCE S256 challenge of the authorization request
     * @param codeExpiresAt when the code stops working
     */
    public record NewGrant(
            String clientId,
            Optional<String> clientName,
            String resource,
            String name,
            String apiKey,
            McpServerConfig config,
            String redirectUri,
            String codeChallenge,
            Instant codeExpiresAt) {

        public NewGrant {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientName, "clientName");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(codeChallenge, "codeChallenge");
            Objects.requireNonNull(codeExpiresAt, "codeExpiresAt");
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "NewGrant[clientId=" + clientId + ", name=" + name + ", apiKey=<redacted>]";
        }
    }

    /** A new grant and its authorization code, which is returned here once and stored only as a hash. */
    public record Created(StoredOAuthGrant grant, String code) {
        /** Never prints the code. */
        @Override
        public String toString() {
            return "Created[grant=" + grant.id() + ", code=<redacted>]";
        }
    }

    /** What presenting an authorization code found. */
    public sealed interface CodeUse {
        /** Its first use: the caller still checks client, redirect URI, PKCE and expiry. */
        record First(StoredOAuthGrant grant, String redirectUri, String codeChallenge, Instant expiresAt)
                implements CodeUse {
            /** Whether the code had expired at {@code now}. */
            public boolean isExpired(Instant now) {
                return !now.isBefore(expiresAt);
            }
        }

        /** It was used before: whatever it gave is to be revoked. */
        record Again(String grantId) implements CodeUse {}

        /** No such code, or its grant is gone. */
        record Unknown() implements CodeUse {}
    }

    /** An access token and a refresh token, returned here once and stored only as hashes. */
    public record IssuedTokens(
            String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {
        /** Never prints the tokens. */
        @Override
        public String toString() {
            return "IssuedTokens[accessExpiresAt=" + accessExpiresAt + ", refreshExpiresAt=" + refreshExpiresAt + "]";
        }
    }

    /** Which kind of token a stored one is. */
    public enum TokenKind {
        /** Presented to the protected resource. */
        ACCESS,
        /** Exchanged at the token endpoint for new tokens, once. */
        REFRESH
    }

    /**
     * A stored token, found by its hash.
     *
     * @param grant the grant it was issued for
     * @param kind access or refresh
     * @param expiresAt when it stops working
     * @param rotatedAt for a refresh token already exchanged, when it was
     */
    public record StoredOAuthToken(
            StoredOAuthGrant grant, TokenKind kind, Instant expiresAt, Optional<Instant> rotatedAt) {
        /** Whether the token had expired at {@code now}. */
        public boolean isExpired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /** What exchanging a refresh token did. */
    public sealed interface Rotation {
        /** It was current: it is spent now, and these replace it. */
        record Rotated(IssuedTokens tokens) implements Rotation {}

        /** It was spent already (a replay, or a stolen copy): the grant is to be revoked. */
        record AlreadyRotated(String grantId) implements Rotation {}

        /** No such refresh token, or its grant is gone. */
        record Gone() implements Rotation {}
    }

    /**
     * Stores what the person consented to, in one transaction: an integrated account with their
     * key, an MCP server record with their choice of tools, the grant, and its code. The MCP
     * server's own URL token is discarded unseen, so the grant's tools are reached only with the
     * grant's OAuth tokens.
     */
    public Created create(NewGrant request) {
        return sql.inTransaction(tx -> {
            StoredAccount account =
                    new Accounts(tx, box, clock).create(request.name(), request.apiKey(), Optional.empty());
            StoredMcpServer server = new McpServers(tx, clock)
                    .create(account.id(), request.name(), request.config(), Optional.empty())
                    .server();
            String id = UUID.randomUUID().toString();
            Instant now = Sql.now(clock);
            tx.update(
                    "INSERT INTO oauth_grant (id, mcp_server_id, client_id, client_name, resource, created_at,"
                            + " activated_at, last_issued_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)",
                    s -> {
                        s.setString(1, id);
                        s.setString(2, server.id());
                        s.setString(3, request.clientId());
                        Sql.setText(s, 4, request.clientName());
                        s.setString(5, request.resource());
                        Sql.setInstant(s, 6, Optional.of(now));
                    });
            String code = Tokens.newToken();
            tx.update(
                    "INSERT INTO oauth_code (code_hash, grant_id, redirect_uri, code_challenge, expires_at, used_at)"
                            + " VALUES (?, ?, ?, ?, ?, NULL)",
                    s -> {
                        s.setString(1, Tokens.hash(code));
                        s.setString(2, id);
                        s.setString(3, request.redirectUri());
                        s.setString(4, request.codeChallenge());
                        Sql.setInstant(s, 5, Optional.of(request.codeExpiresAt()));
                    });
            StoredOAuthGrant grant = new StoredOAuthGrant(
                    id,
                    request.clientId(),
                    request.clientName(),
                    request.resource(),
                    server.id(),
                    account.id(),
                    now,
                    Optional.empty(),
                    Optional.empty());
            return new Created(grant, code);
        });
    }

    /**
     * Presents an authorization code: the first presentation marks it used (one conditional update,
     * so of two at once only one is first), whether or not the caller's checks then pass.
     */
    public CodeUse useCode(String code) {
        String hash = Tokens.hash(code);
        Instant now = Sql.now(clock);
        int marked = sql.update("UPDATE oauth_code SET used_at = ? WHERE code_hash = ? AND used_at IS NULL", s -> {
            Sql.setInstant(s, 1, Optional.of(now));
            s.setString(2, hash);
        });
        Optional<CodeUse.First> found = sql.queryOne(
                "SELECT c.redirect_uri, c.code_challenge, c.expires_at, " + GRANT_COLUMNS + " FROM oauth_code c JOIN"
                        + GRANTS + " ON g.id = c.grant_id WHERE c.code_hash = ?",
                s -> s.setString(1, hash),
                row -> new CodeUse.First(
                        grant(row),
                        row.getString("redirect_uri"),
                        row.getString("code_challenge"),
                        Sql.instant(row, "expires_at").orElseThrow()));
        if (found.isEmpty()) {
            return new CodeUse.Unknown();
        }
        return marked == 1 ? found.get() : new CodeUse.Again(found.get().grant().id());
    }

    /**
     * Issues an access token and a refresh token for the grant, and notes that it is in use.
     *
     * @return the tokens; empty if the grant is gone (revoked meanwhile)
     */
    public Optional<IssuedTokens> issueTokens(String grantId, Duration accessLifetime, Duration refreshLifetime) {
        return sql.inTransaction(tx -> issue(tx, grantId, Sql.now(clock), accessLifetime, refreshLifetime));
    }

    /** The stored token whose hash is that of {@code token}, expired or not. */
    public Optional<StoredOAuthToken> findToken(String token) {
        return sql.queryOne(
                "SELECT t.kind, t.expires_at, t.rotated_at, " + GRANT_COLUMNS + " FROM oauth_token t JOIN" + GRANTS
                        + " ON g.id = t.grant_id WHERE t.token_hash = ?",
                s -> s.setString(1, Tokens.hash(token)),
                row -> new StoredOAuthToken(
                        grant(row),
                        REFRESH.equals(row.getString("kind")) ? TokenKind.REFRESH : TokenKind.ACCESS,
                        Sql.instant(row, "expires_at").orElseThrow(),
                        Sql.instant(row, "rotated_at")));
    }

    /**
     * Exchanges a refresh token: marks it spent and issues new tokens, in one transaction. Of two
     * exchanges of the same token only one rotates it; the other finds it spent.
     */
    public Rotation rotate(String refreshToken, Duration accessLifetime, Duration refreshLifetime) {
        String hash = Tokens.hash(refreshToken);
        return sql.inTransaction(tx -> {
            Instant now = Sql.now(clock);
            int marked = tx.update(
                    "UPDATE oauth_token SET rotated_at = ? WHERE token_hash = ? AND kind = '" + REFRESH
                            + "' AND rotated_at IS NULL",
                    s -> {
                        Sql.setInstant(s, 1, Optional.of(now));
                        s.setString(2, hash);
                    });
            Optional<String> grantId = tx.queryOne(
                    "SELECT grant_id FROM oauth_token WHERE token_hash = ? AND kind = '" + REFRESH + "'",
                    s -> s.setString(1, hash),
                    row -> row.getString(1));
            if (grantId.isEmpty()) {
                return new Rotation.Gone();
            }
            if (marked == 0) {
                return new Rotation.AlreadyRotated(grantId.get());
            }
            return issue(tx, grantId.get(), now, accessLifetime, refreshLifetime)
                    .<Rotation>map(Rotation.Rotated::new)
                    .orElseGet(Rotation.Gone::new);
        });
    }

    /**
     * Revokes the grant: deletes its integrated account, and with it (in the same statement, by the
     * schema's cascades) its key, its MCP server record, its code and every token of it. The next
     * request with any of its tokens, on any replica, finds nothing.
     *
     * @return whether there was such a grant
     */
    public boolean revoke(String grantId) {
        return sql.update(
                        "DELETE FROM integrated_account WHERE id IN (SELECT s.account_id FROM" + GRANTS
                                + " WHERE g.id = ?)",
                        s -> s.setString(1, grantId))
                > 0;
    }

    /** Revokes one access token (the grant and its other tokens stay). */
    public boolean revokeAccessToken(String accessToken) {
        return sql.update(
                        "DELETE FROM oauth_token WHERE token_hash = ? AND kind = '" + ACCESS + "'",
                        s -> s.setString(1, Tokens.hash(accessToken)))
                > 0;
    }

    public List<StoredOAuthGrant> list() {
        return sql.query(
                "SELECT " + GRANT_COLUMNS + " FROM" + GRANTS + " ORDER BY g.created_at, g.id",
                s -> {},
                OAuthGrants::grant);
    }

    public Optional<StoredOAuthGrant> find(String id) {
        return sql.queryOne(
                "SELECT " + GRANT_COLUMNS + " FROM" + GRANTS + " WHERE g.id = ?",
                s -> s.setString(1, id),
                OAuthGrants::grant);
    }

    /**
     * Deletes what can never be used again: grants whose code was never exchanged and was created
     * before {@code unusedCreatedBefore} (the person's key goes with them), grants whose every
     * token has expired, and expired tokens.
     *
     * @return how many grants were deleted
     */
    public int prune(Instant unusedCreatedBefore) {
        Instant now = Sql.now(clock);
        int grants = sql.update(
                "DELETE FROM integrated_account WHERE id IN (SELECT s.account_id FROM" + GRANTS
                        + " WHERE g.activated_at IS NULL AND g.created_at < ?)",
                s -> Sql.setInstant(s, 1, Optional.of(unusedCreatedBefore)));
        grants += sql.update(
                "DELETE FROM integrated_account WHERE id IN (SELECT s.account_id FROM" + GRANTS
                        + " WHERE g.activated_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM oauth_token t"
                        + " WHERE t.grant_id = g.id AND t.rotated_at IS NULL AND t.expires_at > ?))",
                s -> Sql.setInstant(s, 1, Optional.of(now)));
        sql.update("DELETE FROM oauth_token WHERE expires_at <= ?", s -> Sql.setInstant(s, 1, Optional.of(now)));
        return grants;
    }

    private static Optional<IssuedTokens> issue(
            Sql tx, String grantId, Instant now, Duration accessLifetime, Duration refreshLifetime) {
        int found = tx.update(
                "UPDATE oauth_grant SET activated_at = COALESCE(activated_at, ?), last_issued_at = ? WHERE id = ?",
                s -> {
                    Sql.setInstant(s, 1, Optional.of(now));
                    Sql.setInstant(s, 2, Optional.of(now));
                    s.setString(3, grantId);
                });
        if (found == 0) {
            return Optional.empty();
        }
        String access = Tokens.newToken();
        String refresh = Tokens.newToken();
        Instant accessExpiry = now.plus(accessLifetime);
        Instant refreshExpiry = now.plus(refreshLifetime);
        insertToken(tx, access, grantId, ACCESS, accessExpiry, now);
        insertToken(tx, refresh, grantId, REFRESH, refreshExpiry, now);
        return Optional.of(new IssuedTokens(access, accessExpiry, refresh, refreshExpiry));
    }

    private static void insertToken(Sql tx, String token, String grantId, String kind, Instant expiresAt, Instant now) {
        tx.update(
                "INSERT INTO oauth_token (token_hash, grant_id, kind, expires_at, created_at, rotated_at)"
                        + " VALUES (?, ?, ?, ?, ?, NULL)",
                s -> {
                    s.setString(1, Tokens.hash(token));
                    s.setString(2, grantId);
                    s.setString(3, kind);
                    Sql.setInstant(s, 4, Optional.of(expiresAt));
                    Sql.setInstant(s, 5, Optional.of(now));
                });
    }

    private static StoredOAuthGrant grant(ResultSet row) throws SQLException {
        return new StoredOAuthGrant(
                row.getString("id"),
                row.getString("client_id"),
                Optional.ofNullable(row.getString("client_name")),
                row.getString("resource"),
                row.getString("mcp_server_id"),
                row.getString("account_id"),
                Sql.instant(row, "created_at").orElseThrow(),
                Sql.instant(row, "activated_at"),
                Sql.instant(row, "last_issued_at"));
    }
}

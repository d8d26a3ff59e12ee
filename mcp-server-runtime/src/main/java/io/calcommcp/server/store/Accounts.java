package io.calcommcp.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Integrated accounts: a name, an encrypted API key and an optional base URL each. */
public final class Accounts {

    private static final String COLUMNS = "id, name, base_url, created_at, updated_at";

    private final Sql sql;
    private final SecretBox box;
    private final Clock clock;

    Accounts(Sql sql, SecretBox box, Clock clock) {
        this.sql = sql;
        this.box = box;
        this.clock = clock;
    }

    /** Stores a new account; the key is encrypted before it leaves this method. */
    public StoredAccount create(String name, String apiKey, Optional<String> baseUrl) {
        String id = UUID.randomUUID().toString();
        Instant now = Sql.now(clock);
        sql.update(
                "INSERT INTO integrated_account (id, name, api_key_encrypted, base_url, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, id);
                    s.setString(2, name);
                    s.setString(3, box.encrypt(apiKey, associatedData(id)));
                    Sql.setText(s, 4, baseUrl);
                    Sql.setInstant(s, 5, Optional.of(now));
                    Sql.setInstant(s, 6, Optional.of(now));
                });
        return new StoredAccount(id, name, baseUrl, now, now);
    }

    public List<StoredAccount> list() {
        return sql.query(
                "SELECT " + COLUMNS + " FROM integrated_account ORDER BY created_at, id", s -> {}, Accounts::row);
    }

    public Optional<StoredAccount> find(String id) {
        return sql.queryOne(
                "SELECT " + COLUMNS + " FROM integrated_account WHERE id = ?", s -> s.setString(1, id), Accounts::row);
    }

    /**
     * Changes what is given; an empty optional leaves a field as it is, and {@code clearBaseUrl}
     * returns the account to the server's default base URL.
     *
     * @return the account as it is now, or empty if there is none with this id
     */
    public Optional<StoredAccount> update(
            String id, Optional<String> name, Optional<String> apiKey, Optional<String> baseUrl, boolean clearBaseUrl) {
        Optional<StoredAccount> current = find(id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Sql.now(clock);
        String newName = name.orElse(current.get().name());
        Optional<String> newBaseUrl =
                clearBaseUrl ? Optional.empty() : baseUrl.or(() -> current.get().baseUrl());
        if (apiKey.isPresent()) {
            sql.update(
                    "UPDATE integrated_account SET name = ?, base_url = ?, api_key_encrypted = ?, updated_at = ?"
                            + " WHERE id = ?",
                    s -> {
                        s.setString(1, newName);
                        Sql.setText(s, 2, newBaseUrl);
                        s.setString(3, box.encrypt(apiKey.get(), associatedData(id)));
                        Sql.setInstant(s, 4, Optional.of(now));
                        s.setString(5, id);
                    });
        } else {
            sql.update("UPDATE integrated_account SET name = ?, base_url = ?, updated_at = ? WHERE id = ?", s -> {
                s.setString(1, newName);
                Sql.setText(s, 2, newBaseUrl);
                Sql.setInstant(s, 3, Optional.of(now));
                s.setString(4, id);
            });
        }
        return find(id);
    }

    /** Deletes the account and, with it, every MCP server URL of it. */
    public boolean delete(String id) {
        return sql.update("DELETE FROM integrated_account WHERE id = ?", s -> s.setString(1, id)) > 0;
    }

    /**
     * The account's API key, decrypted for the one call that sends it.
     *
     * @throws StoreUnavailableException if the stored value cannot be decrypted with the store's key
     */
    public Optional<String> apiKey(String id) {
        Optional<String> encrypted = sql.queryOne(
                "SELECT api_key_encrypted FROM integrated_account WHERE id = ?",
                s -> s.setString(1, id),
                row -> row.getString(1));
        if (encrypted.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(box.decrypt(encrypted.get(), associatedData(id)));
        } catch (SecretBox.WrongKeyException e) {
            throw new StoreUnavailableException(
                    "The API key of account " + id + " does not decrypt with the store's key", e);
        }
    }

    /** Binds each ciphertext to its row: copied into another account, it does not decrypt. */
    private static String associatedData(String id) {
        return "integrated_account:" + id;
    }

    private static StoredAccount row(java.sql.ResultSet row) throws java.sql.SQLException {
        return new StoredAccount(
                row.getString("id"),
                row.getString("name"),
                Optional.ofNullable(row.getString("base_url")),
                Sql.instant(row, "created_at").orElseThrow(),
                Sql.instant(row, "updated_at").orElseThrow());
    }
}

package io.calcommcp.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.toolapi.ToolExposure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database the store runs on must do, run by {@link H2StoreTest} and {@link
 * PostgresStoreTest} on a real H2 and a real PostgreSQL: the same migrations, the same answers,
 * encrypted keys, lookups by hash, and refusal of a key the store was not written with.
 */
abstract class StoreContract {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());

    protected MutableClock clock;
    protected Store store;

    /** A location of a new, empty database. */
    abstract StoreLocation newDatabase() throws Exception;

    private StoreLocation location;

    @BeforeEach
    void open() throws Exception {
        clock = MutableClock.startingNow();
        location = newDatabase();
        store = Store.open(location, key(KEY), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static EncryptionKey key(String value) {
        return new EncryptionKey("TEMPO_MCP_ENCRYPTION_KEY", Optional.of(value), Optional.empty());
    }

    @Test
    void accounts_roundTrip_withTheKeyEncrypted() {
        StoredAccount created = store.accounts().create("Acme", "tempo_live_contract_secret", Optional.empty());
        assertEquals(Optional.of(created), store.accounts().find(created.id()));
        assertEquals(Optional.of("tempo_live_contract_secret"), store.accounts().apiKey(created.id()));
        clock.advance(Duration.ofSeconds(5));
        StoredAccount renamed = store.accounts()
                .update(
                        created.id(),
                        Optional.of("Acme 2"),
                        Optional.of("tempo_live_rotated"),
                        Optional.of("https://x.example"),
                        false)
                .orElseThrow();
        assertEquals("Acme 2", renamed.name());
        assertEquals(Optional.of("https://x.example"), renamed.baseUrl());
        assertTrue(renamed.updatedAt().isAfter(created.updatedAt()));
        assertEquals(Optional.of("tempo_live_rotated"), store.accounts().apiKey(created.id()));
        assertEquals(List.of(renamed), store.accounts().list());
        assertTrue(store.accounts().delete(created.id()));
        assertEquals(Optional.empty(), store.accounts().find(created.id()));
    }

    @Test
    void mcpServers_roundTrip_everyConfigField_andAreFoundByTokenHashOnly() {
        StoredAccount account = store.accounts().create("Acme", "tempo_live_contract_secret", Optional.empty());
        McpServerConfig config = new McpServerConfig(
                Optional.of(List.of("read")),
                Optional.of(List.of("bookings", "schedules")),
                true,
                ToolExposure.DISCOVERY,
                OptionalInt.of(5));
        Instant expiry = clock.instant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        McpServers.Created created = store.mcpServers().create(account.id(), "read-only", config, Optional.of(expiry));
        StoredMcpServer found =
                store.mcpServers().findByTokenHash(Tokens.hash(created.token())).orElseThrow();
        assertEquals(created.server().id(), found.id());
        assertEquals(config, found.config());
        assertEquals(Optional.of(expiry), found.expiresAt());
        assertEquals(Optional.empty(), store.mcpServers().findByTokenHash(created.token()));

        McpServerConfig unlimited =
                new McpServerConfig(Optional.empty(), Optional.empty(), false, ToolExposure.ALL, OptionalInt.of(0));
        assertEquals(
                unlimited,
                store.mcpServers()
                        .update(found.id(), "all", unlimited, Optional.empty())
                        .orElseThrow()
                        .config());
        McpServerConfig byDefault = McpServerConfig.allTools();
        assertEquals(
                byDefault,
                store.mcpServers()
                        .update(found.id(), "all", byDefault, Optional.empty())
                        .orElseThrow()
                        .config());

        clock.advance(Duration.ofMinutes(1));
        store.mcpServers().touch(found.id(), clock.instant());
        assertEquals(
                Optional.of(clock.instant().truncatedTo(ChronoUnit.MILLIS)),
                store.mcpServers()
                        .find(found.id())
                        .orElseThrow()
                        .lastUsedAt()
                        .map(t -> t.truncatedTo(ChronoUnit.MILLIS)));
        assertEquals(1, store.mcpServers().listOf(account.id()).size());
        // Deleting the account deletes its URLs.
        assertTrue(store.accounts().delete(account.id()));
        assertEquals(Optional.empty(), store.mcpServers().find(found.id()));
    }

    @Test
    void apiTokens_roundTrip_andRevokeAtOnce() {
        ApiTokens.Created created = store.apiTokens().create("ci", Optional.empty());
        assertTrue(
                store.apiTokens().findByTokenHash(Tokens.hash(created.token())).isPresent());
        assertTrue(store.apiTokens().revoke(created.apiToken().id()));
        assertEquals(Optional.empty(), store.apiTokens().findByTokenHash(Tokens.hash(created.token())));
        assertFalse(store.apiTokens().revoke(created.apiToken().id()));
    }

    @Test
    void reopening_withTheSameKey_works_andWithAnotherKey_isRefusedAtOpen() throws Exception {
        StoredAccount account = store.accounts().create("Acme", "tempo_live_contract_secret", Optional.empty());
        store.close();
        StoreException wrong = assertThrows(StoreException.class, () -> Store.open(location, key(OTHER_KEY), clock));
        assertTrue(wrong.getMessage().contains("does not match"), wrong.getMessage());
        store = Store.open(location, key(KEY), clock);
        assertEquals(Optional.of("tempo_live_contract_secret"), store.accounts().apiKey(account.id()));
        assertTrue(store.isReachable());
    }
}

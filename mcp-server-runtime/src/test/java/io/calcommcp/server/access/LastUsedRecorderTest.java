package io.calcommcp.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.calcommcp.server.store.EncryptionKey;
import io.calcommcp.server.store.McpServerConfig;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.server.store.StoreLocation;
import io.calcommcp.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A busy URL costs one write a minute, not one per call. */
class LastUsedRecorderTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private Store store;
    private LastUsedRecorder recorder;
    private String busy;
    private String other;

    @BeforeEach
    void open() throws Exception {
        store = new StoreConfig(
                        StoreLocation.embedded(dataDir),
                        new EncryptionKey("TEMPO_MCP_ENCRYPTION_KEY", Optional.empty(), Optional.empty()))
                .open(clock);
        String account = store.accounts()
                .create("Acme", "tempo_live_x", Optional.empty())
                .id();
        busy = store.mcpServers()
                .create(account, "busy", McpServerConfig.allTools(), Optional.empty())
                .server()
                .id();
        other = store.mcpServers()
                .create(account, "other", McpServerConfig.allTools(), Optional.empty())
                .server()
                .id();
        recorder = new LastUsedRecorder(store::mcpServers, clock);
    }

    @AfterEach
    void close() {
        recorder.close();
        store.close();
    }

    @Test
    void theTimeIsWrittenAtMostOnceAMinutePerUrl() throws Exception {
        Instant first = clock.instant();
        recorder.used(busy);
        assertEquals(first, awaitLastUsed(busy, first));

        clock.advance(Duration.ofSeconds(59));
        for (int i = 0; i < 100; i++) {
            recorder.used(busy);
        }
        // One writer thread, in order: once the other URL's write has landed, a write of the busy
        // one made before it would have landed too.
        recorder.used(other);
        awaitLastUsed(other, clock.instant());
        assertEquals(
                Optional.of(first), store.mcpServers().find(busy).orElseThrow().lastUsedAt(), "within a minute");

        clock.advance(Duration.ofSeconds(1));
        recorder.used(busy);
        assertEquals(clock.instant(), awaitLastUsed(busy, clock.instant()), "a minute after the last write");
    }

    private Instant awaitLastUsed(String id, Instant expected) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<Instant> lastUsed =
                    store.mcpServers().find(id).orElseThrow().lastUsedAt();
            if (lastUsed.equals(Optional.of(expected))) {
                return expected;
            }
            Thread.sleep(25);
        }
        return store.mcpServers().find(id).orElseThrow().lastUsedAt().orElse(null);
    }
}

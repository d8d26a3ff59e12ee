package io.calcommcp.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the store opens: at start, after the first answer, or only when a request needs it. */
class StoreOpeningTest {

    private static final Path DATABASE_FILE = Path.of("mcp-server.mv.db");
    private static final String KEY_VARIABLE = "MCP_ENCRYPTION_KEY";

    @TempDir
    Path dataDir;

    private StoreConfig config(Optional<String> keyFromEnvironment) {
        return new StoreConfig(
                StoreLocation.embedded(dataDir), new EncryptionKey(KEY_VARIABLE, keyFromEnvironment, Optional.empty()));
    }

    private boolean databaseExists() {
        return Files.exists(dataDir.resolve(DATABASE_FILE));
    }

    @Test
    void aStoreOpenedWhenNeededWaitsForItsFirstRequest() throws Exception {
        StoreConfig config = config(Optional.empty());
        assertTrue(config.isNew());
        List<Object> done = Collections.synchronizedList(new ArrayList<>());
        StoreOpening opening = StoreOpening.whenNeeded(config, Clock.systemUTC(), SimpleMeterRegistry::new);
        opening.whenDone(done::add, done::add);
        try {
            assertTrue(opening.opensWhenNeeded());
            opening.begin(); // what start-up calls after its first answer
            assertEquals(Optional.empty(), opening.notReadyBecause(), "nothing to wait for: ready");
            Thread.sleep(300);
            assertFalse(databaseExists(), "neither the first answer nor a readiness probe creates the store");
            assertFalse(Files.exists(dataDir.resolve(EncryptionKey.DEFAULT_FILE)));
            assertTrue(done.isEmpty());

            Store store = opening.get();
            assertTrue(databaseExists());
            assertFalse(config.isNew());
            assertEquals(Optional.of(dataDir.resolve(EncryptionKey.DEFAULT_FILE)), store.createdKeyFile());
            long deadline = System.nanoTime() + 5_000_000_000L; // told on the opening thread
            while (done.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of(store), done, "told once the store is open");
            assertEquals(Optional.empty(), opening.notReadyBecause());
            assertTrue(store.accounts().list().isEmpty());
        } finally {
            opening.close();
        }
    }

    @Test
    void aStoreOpenedWhenNeededAndNeverNeededIsNeverCreated() throws Exception {
        StoreOpening opening =
                StoreOpening.whenNeeded(config(Optional.empty()), Clock.systemUTC(), SimpleMeterRegistry::new);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        opening.whenDone(store -> {}, failures::add);
        opening.close();
        StoreUnavailableException stopped = assertThrows(StoreUnavailableException.class, opening::get);
        assertTrue(
                stopped.getCause().getCause().getMessage().contains("stopped before the store was opened"),
                () -> String.valueOf(stopped.getCause()));
        assertEquals(List.of(), failures, "a store the server never needed did not fail");
        assertFalse(databaseExists());
    }

    @Test
    void aStoreThatCannotBeCreatedWhenNeededSaysWhy() throws Exception {
        StoreOpening opening =
                StoreOpening.whenNeeded(config(Optional.of("not a key")), Clock.systemUTC(), SimpleMeterRegistry::new);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        opening.whenDone(store -> {}, failures::add);
        try {
            assertThrows(StoreUnavailableException.class, opening::get);
            // The callback runs on the opening thread, which may finish it after get() has returned.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (failures.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, failures.size(), failures.toString());
            assertTrue(failures.get(0).getMessage().contains(KEY_VARIABLE + " is not base64"), failures.toString());
            assertEquals(Optional.of("store_failed"), opening.notReadyBecause());
        } finally {
            opening.close();
        }
    }

    @Test
    void aStoreOpenedAtStartOpensOnItsFirstAnswer() throws Exception {
        StoreOpening opening = StoreOpening.startWithin(
                config(Optional.empty()), Clock.systemUTC(), SimpleMeterRegistry::new, Duration.ofHours(1));
        try {
            assertFalse(opening.opensWhenNeeded());
            Thread.sleep(200);
            assertFalse(databaseExists(), "waits for the first answer");
            opening.begin();
            Store store = opening.await();
            assertTrue(databaseExists());
            assertTrue(store.isReachable());
        } finally {
            opening.close();
        }
    }

    @Test
    void whatCanBeCheckedBeforeTheStoreExistsIsCheckedAtOnce() throws Exception {
        StoreException badKey = assertThrows(
                StoreException.class, () -> config(Optional.of("not a key")).checkCreatable());
        assertTrue(badKey.getMessage().contains(KEY_VARIABLE + " is not base64"), badKey.getMessage());

        Files.writeString(dataDir.resolve(EncryptionKey.DEFAULT_FILE), "c2hvcnQ=\n");
        StoreException shortKey = assertThrows(
                StoreException.class, () -> config(Optional.empty()).checkCreatable());
        assertTrue(shortKey.getMessage().contains("holds 5 bytes, but the key must have 32"), shortKey.getMessage());
        Files.delete(dataDir.resolve(EncryptionKey.DEFAULT_FILE));

        Path notADirectory = Files.writeString(dataDir.resolve("a-file"), "");
        StoreConfig inAFile = new StoreConfig(
                StoreLocation.embedded(notADirectory.resolve("data")),
                new EncryptionKey(KEY_VARIABLE, Optional.empty(), Optional.empty()));
        StoreException noDirectory = assertThrows(StoreException.class, inAFile::checkCreatable);
        assertTrue(noDirectory.getMessage().contains("Cannot create the data directory"), noDirectory.getMessage());
        assertTrue(noDirectory.getMessage().contains("Choose another with --data-dir"), noDirectory.getMessage());

        config(Optional.empty()).checkCreatable();
        assertFalse(databaseExists(), "checking creates nothing but the directory");
        assertFalse(Files.exists(dataDir.resolve(EncryptionKey.DEFAULT_FILE)));
    }

    @Test
    void aJdbcDatabaseIsNeverTakenForNew() {
        StoreConfig jdbc = new StoreConfig(
                StoreLocation.jdbc("jdbc:postgresql://localhost/none", Optional.empty(), Optional.empty(), dataDir),
                new EncryptionKey(KEY_VARIABLE, Optional.empty(), Optional.empty()));
        assertFalse(jdbc.isNew(), "only opening it can tell whether it holds a store");
    }
}

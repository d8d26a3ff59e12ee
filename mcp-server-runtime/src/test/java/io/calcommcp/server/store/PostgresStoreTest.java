package io.calcommcp.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real PostgreSQL server, plus what only a shared database has: several
 * replicas opening one empty database at once migrate it exactly once, and one opened without the
 * shared key refuses to start.
 */
class PostgresStoreTest extends StoreContract {

    @TempDir
    Path dataDir;

    @Override
    StoreLocation newDatabase() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        return StoreLocation.jdbc(postgres.createDatabase(), Optional.of(postgres.user()), Optional.empty(), dataDir);
    }

    @Test
    void replicasOpeningOneEmptyDatabaseTogether_migrateItOnce_andAllStart() throws Exception {
        StoreLocation empty = newDatabase();
        int replicas = 4;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Store>> opened = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            Callable<Store> open = () -> {
                go.await();
                return Store.open(empty, key(KEY), Clock.systemUTC());
            };
            opened.add(pool.submit(open));
        }
        go.countDown();
        List<Store> stores = new ArrayList<>();
        for (Future<Store> store : opened) {
            stores.add(store.get());
        }
        pool.shutdown();
        String account = stores.get(0)
                .accounts()
                .create("Acme", "tempo_live_contract_secret", Optional.empty())
                .id();
        for (Store store : stores) {
            assertEquals(
                    Optional.of("tempo_live_contract_secret"), store.accounts().apiKey(account));
            store.close();
        }
        assertEquals(
                List.of("1x1", "2x1", "3x1"),
                PostgresServer.shared().appliedMigrations(empty.jdbcUrl()),
                "each migration once");
    }

    @Test
    void aSharedDatabaseWithoutTheKey_refusesToStart_sayingWhy() throws Exception {
        StoreLocation shared = newDatabase();
        StoreException refused = assertThrows(
                StoreException.class,
                () -> Store.open(
                        shared,
                        new EncryptionKey("TEMPO_MCP_ENCRYPTION_KEY", Optional.empty(), Optional.empty()),
                        Clock.systemUTC()));
        assertTrue(refused.getMessage().contains("must be the same on every server"), refused.getMessage());
        assertTrue(refused.getMessage().contains("TEMPO_MCP_ENCRYPTION_KEY"), refused.getMessage());
    }
}

package io.calcommcp.server.access;

import io.calcommcp.server.store.McpServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Records when a scoped URL was last used, at most once a minute per URL, off the request thread:
 * a busy URL costs no write per call, and a slow database never delays a tool call. The memory of
 * what was written is only a throttle; losing it (a restart, another replica) costs one more write.
 */
public final class LastUsedRecorder implements AutoCloseable {

    /** How often one URL's time is written at most. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Supplier<McpServers> servers;
    private final Clock clock;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mcp-last-used");
        thread.setDaemon(true);
        // Created on a request thread, it would otherwise hold the web container's class loader,
        // which the container then reports as a leak when it stops.
        thread.setContextClassLoader(LastUsedRecorder.class.getClassLoader());
        return thread;
    });

    /** @param servers the store's MCP servers, which may still be opening */
    public LastUsedRecorder(Supplier<McpServers> servers, Clock clock) {
        this.servers = servers;
        this.clock = clock;
    }

    /** Notes that {@code serverId} served a request now. */
    public void used(String serverId) {
        Instant now = clock.instant();
        Instant previous = written.get(serverId);
        if (previous != null && now.isBefore(previous.plus(INTERVAL))) {
            return;
        }
        // Only the thread that moves the time forward writes.
        if (previous == null ? written.putIfAbsent(serverId, now) != null : !written.replace(serverId, previous, now)) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    servers.get().touch(serverId, now);
                } catch (RuntimeException e) {
                    // The database is down: the next use after the interval tries again.
                    written.remove(serverId, now);
                }
            });
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}

package io.calcommcp.server.upstream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idle keep-alive connections per origin, most recently used first: the connection taken is the
 * one most likely still open, and under light load a handful serve every call.
 */
final class ConnectionPool implements AutoCloseable {

    /** Idle connections kept per origin; more are closed when they come back. */
    static final int MAX_IDLE_PER_ORIGIN = 64;

    private final Map<Origin, ArrayDeque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An idle connection to {@code origin} that is still open, or null if there is none. */
    Http1Connection take(Origin origin) {
        ArrayDeque<Http1Connection> connections = idle.get(origin);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        while (true) {
            Http1Connection connection;
            synchronized (connections) {
                connection = connections.pollFirst();
            }
            if (connection == null) {
                return null;
            }
            if (connection.stillOpen(now)) {
                return connection;
            }
            connection.close();
        }
    }

    /** Returns a connection whose last answer left it reusable; closes it if the pool is full. */
    void give(Http1Connection connection) {
        if (closed) {
            connection.close();
            return;
        }
        connection.idleFrom(System.nanoTime());
        ArrayDeque<Http1Connection> connections =
                idle.computeIfAbsent(connection.origin(), origin -> new ArrayDeque<>());
        synchronized (connections) {
            if (connections.size() < MAX_IDLE_PER_ORIGIN) {
                connections.offerFirst(connection);
                return;
            }
        }
        connection.close();
    }

    /** Closes every idle connection; connections in use are closed when they come back. */
    @Override
    public void close() {
        closed = true;
        List<Http1Connection> all = new ArrayList<>();
        for (ArrayDeque<Http1Connection> connections : idle.values()) {
            synchronized (connections) {
                all.addAll(connections);
                connections.clear();
            }
        }
        all.forEach(Http1Connection::close);
    }
}

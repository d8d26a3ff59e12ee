package io.calcommcp.server.http;

import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;

/**
 * At most so many open connections per client address: a connection beyond that is closed as
 * soon as it opens, so that one client cannot hold every connection the server takes ({@link
 * org.eclipse.jetty.server.NetworkConnectionLimit} caps them all together). Jetty tells a {@link
 * Connection.Listener} of every connection opened and closed; the count per address is kept here.
 *
 * <p>Behind a reverse proxy or a tunnel every connection comes from the proxy's address, so the
 * per-client limit then bounds the proxy's share; raise it to the global cap there.
 */
final class ConnectionsPerClient implements Connection.Listener {

    /** Refusals are logged as one line per this many milliseconds at most, with their count. */
    private static final long LOG_EVERY_MILLIS = 1000;

    private final int max;
    private final StructuredLog log;
    private final CallObserver observer;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Whose each open connection is: once closed, a connection no longer knows its peer's address. */
    private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();

    private final AtomicInteger refusedSinceLogged = new AtomicInteger();
    private final AtomicLong loggedAtMillis = new AtomicLong();

    ConnectionsPerClient(int max, StructuredLog log, CallObserver observer) {
        this.max = max;
        this.log = log;
        this.observer = observer;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = clientOf(connection);
        if (client == null) {
            return;
        }
        clients.put(connection, client);
        int now = open.merge(client, 1, Integer::sum);
        if (now > max) {
            observer.refused("too_many_connections");
            refusedSinceLogged.incrementAndGet();
            connection.getEndPoint().close();
            logRefusals();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = clients.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
        }
    }

    private void logRefusals() {
        long now = System.currentTimeMillis();
        long last = loggedAtMillis.get();
        if (now - last >= LOG_EVERY_MILLIS && loggedAtMillis.compareAndSet(last, now)) {
            int refused = refusedSinceLogged.getAndSet(0);
            log.warn(
                    "request_refused",
                    line -> line.put("reason", "too_many_connections")
                            .put("connections_closed", refused)
                            .put("max_per_client", max));
        }
    }

    private static InetAddress clientOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}

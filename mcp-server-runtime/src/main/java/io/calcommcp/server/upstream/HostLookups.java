package io.calcommcp.server.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * Host names looked up within the call's connect deadline.
 *
 * <p>Why: the JDK's lookup cannot be interrupted or given a timeout, and a name server that does not
 * answer holds the calling thread for as long as the system's resolver retries (often 10 to 30 s),
 * past every timeout of HttpClient's and of {@link CallDeadlines}, which can only close sockets.
 * Here the lookup runs on a thread of its own and the call waits for it only until its connect
 * deadline. Calls to a host whose lookup is still running wait for that same lookup, so a silent
 * name server costs one thread per host name, not one per call. The JDK caches what a lookup finds
 * (30 s by default), so a lookup is rare on a warm server, and a connection is made only when the
 * pool has none.
 */
final class HostLookups implements DnsResolver {

    /** Where the addresses of a name come from (the system's resolver; a test's slow one). */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** The connect deadline's time left for the calling thread's call, in nanoseconds. */
    @FunctionalInterface
    interface TimeLeft {
        long nanos();
    }

    private final Lookup lookup;
    private final TimeLeft timeLeft;
    private final Map<String, CompletableFuture<InetAddress[]>> running = new ConcurrentHashMap<>();

    HostLookups(Lookup lookup, TimeLeft timeLeft) {
        this.lookup = lookup;
        this.timeLeft = timeLeft;
    }

    /** The system's resolver, bounded by {@code timeLeft}. */
    static HostLookups system(TimeLeft timeLeft) {
        return new HostLookups(SystemDefaultDnsResolver.INSTANCE::resolve, timeLeft);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (InetAddressUtils.isIPv4(host) || InetAddressUtils.isIPv6(host)) {
            // An address is not looked up anywhere: nothing to wait for.
            return lookup.addresses(host);
        }
        CompletableFuture<InetAddress[]> fresh = new CompletableFuture<>();
        CompletableFuture<InetAddress[]> addresses = running.putIfAbsent(host, fresh);
        if (addresses == null) {
            // Started once it is in the map, so that its end always takes it out again.
            start(host, fresh);
            addresses = fresh;
        }
        try {
            return addresses.get(Math.max(0, timeLeft.nanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new LookupTimeoutException(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupTimeoutException(host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            UnknownHostException failed = new UnknownHostException(host);
            failed.initCause(e.getCause());
            throw failed;
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        // Only asked for by Kerberos-style authentication, which this client never does.
        return host;
    }

    private void start(String host, CompletableFuture<InetAddress[]> addresses) {
        Thread thread = new Thread(
                () -> {
                    InetAddress[] found = null;
                    Exception failure = null;
                    try {
                        found = lookup.addresses(host);
                    } catch (UnknownHostException | RuntimeException e) {
                        failure = e;
                    }
                    // Out of the map before its answer is known: a call from now on looks the name
                    // up again (the JDK's cache answers at once), none gets an answer that is over.
                    running.remove(host, addresses);
                    if (found != null && found.length > 0) {
                        addresses.complete(found);
                    } else {
                        addresses.completeExceptionally(failure != null ? failure : new UnknownHostException(host));
                    }
                },
                "upstream-host-lookup");
        thread.setDaemon(true);
        thread.start();
    }

    /** A lookup that did not finish before the call's connect deadline. */
    static final class LookupTimeoutException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        LookupTimeoutException(String host) {
            super("the lookup of " + host + " did not finish within the connect timeout");
        }
    }
}

package io.calcommcp.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How much work one request, one client and one URL may cause. Every bound is on by default, so
 * that a server whose URL is pasted into a chat client can take whatever the internet sends it.
 *
 * @param maxRequestBytes the largest request body; a JSON-RPC message to this server is a few KiB
 * @param requestTimeout how long a client has to send a request's headers and then its body, each
 *     in full; a client that trickles them is disconnected
 * @param maxConcurrentCalls tool calls that may run at once in this process; more are refused at
 *     once, not queued
 * @param maxCallsPerMinute the per-URL call limit of URLs that set none of their own; 0 for none
 * @param maxUpstreamResponseBytes the largest answer read from the API; a larger one is refused
 *     without being read to the end
 * @param maxConnections open connections of one listener at most; beyond them new ones wait to be
 *     accepted
 * @param maxConnectionsPerClient open connections of one client address at most; more are closed
 *     as they open. Behind a reverse proxy or a tunnel every client is the proxy's address: raise it
 *     to {@code maxConnections} there
 */
public record RequestLimits(
        int maxRequestBytes,
        Duration requestTimeout,
        int maxConcurrentCalls,
        int maxCallsPerMinute,
        long maxUpstreamResponseBytes,
        int maxConnections,
        int maxConnectionsPerClient) {

    public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    /** Below this even a small tool call with a long text argument would not fit. */
    public static final int MIN_MAX_REQUEST_BYTES = 4 * 1024;

    public static final int MAX_MAX_REQUEST_BYTES = 64 * 1024 * 1024;

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(100);

    public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    /** Each call holds a request thread while it waits for the API; the container has 200. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 64;

    public static final int MAX_MAX_CONCURRENT_CALLS = 10_000;

    /** None: the API's own per-key limit is relayed honestly; set one to share a key fairly. */
    public static final int DEFAULT_MAX_CALLS_PER_MINUTE = 0;

    public static final int MAX_MAX_CALLS_PER_MINUTE = 100_000;

    /** 10 MiB: the largest page of the API is a few hundred KiB. */
    public static final long DEFAULT_MAX_UPSTREAM_RESPONSE_BYTES = 10L * 1024 * 1024;

    public static final long MIN_MAX_UPSTREAM_RESPONSE_BYTES = 1024;

    public static final long MAX_MAX_UPSTREAM_RESPONSE_BYTES = 1024L * 1024 * 1024;

    /** Each open connection costs a few KiB of buffers; a small service rarely has a hundred. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    public static final int MAX_MAX_CONNECTIONS = 100_000;

    /**
     * A quarter of the connections: one client cannot hold them all, while a client with many
     * parallel calls (or a proxy in front of a small deployment) has plenty.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = DEFAULT_MAX_CONNECTIONS / 4;

    /**
     * Every limit but the connection caps, which take their defaults.
     */
    public RequestLimits(
            int maxRequestBytes,
            Duration requestTimeout,
            int maxConcurrentCalls,
            int maxCallsPerMinute,
            long maxUpstreamResponseBytes) {
        this(
                maxRequestBytes,
                requestTimeout,
                maxConcurrentCalls,
                maxCallsPerMinute,
                maxUpstreamResponseBytes,
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
    }

    public RequestLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        check("maxRequestBytes", maxRequestBytes, MIN_MAX_REQUEST_BYTES, MAX_MAX_REQUEST_BYTES);
        check(
                "requestTimeout (ms)",
                requestTimeout.toMillis(),
                MIN_REQUEST_TIMEOUT.toMillis(),
                MAX_REQUEST_TIMEOUT.toMillis());
        check("maxConcurrentCalls", maxConcurrentCalls, 1, MAX_MAX_CONCURRENT_CALLS);
        check("maxCallsPerMinute", maxCallsPerMinute, 0, MAX_MAX_CALLS_PER_MINUTE);
        check(
                "maxUpstreamResponseBytes",
                maxUpstreamResponseBytes,
                MIN_MAX_UPSTREAM_RESPONSE_BYTES,
                MAX_MAX_UPSTREAM_RESPONSE_BYTES);
        check("maxConnections", maxConnections, 1, MAX_MAX_CONNECTIONS);
        check("maxConnectionsPerClient", maxConnectionsPerClient, 1, maxConnections);
    }

    /** Every default. */
    public static RequestLimits defaults() {
        return new RequestLimits(
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_CONCURRENT_CALLS,
                DEFAULT_MAX_CALLS_PER_MINUTE,
                DEFAULT_MAX_UPSTREAM_RESPONSE_BYTES);
    }

    /** A copy with another request timeout. */
    public RequestLimits withRequestTimeout(Duration timeout) {
        return new RequestLimits(
                maxRequestBytes,
                timeout,
                maxConcurrentCalls,
                maxCallsPerMinute,
                maxUpstreamResponseBytes,
                maxConnections,
                maxConnectionsPerClient);
    }

    /** A copy with another bound on concurrent calls. */
    public RequestLimits withMaxConcurrentCalls(int calls) {
        return new RequestLimits(
                maxRequestBytes,
                requestTimeout,
                calls,
                maxCallsPerMinute,
                maxUpstreamResponseBytes,
                maxConnections,
                maxConnectionsPerClient);
    }

    /** A copy with another default per-URL limit (0 for none). */
    public RequestLimits withMaxCallsPerMinute(int calls) {
        return new RequestLimits(
                maxRequestBytes,
                requestTimeout,
                maxConcurrentCalls,
                calls,
                maxUpstreamResponseBytes,
                maxConnections,
                maxConnectionsPerClient);
    }

    /** A copy with another cap on the API's answers. */
    public RequestLimits withMaxUpstreamResponseBytes(long bytes) {
        return new RequestLimits(
                maxRequestBytes,
                requestTimeout,
                maxConcurrentCalls,
                maxCallsPerMinute,
                bytes,
                maxConnections,
                maxConnectionsPerClient);
    }

    /** A copy with other connection caps: in all, and per client address. */
    public RequestLimits withMaxConnections(int connections, int perClient) {
        return new RequestLimits(
                maxRequestBytes,
                requestTimeout,
                maxConcurrentCalls,
                maxCallsPerMinute,
                maxUpstreamResponseBytes,
                connections,
                perClient);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
        }
    }
}

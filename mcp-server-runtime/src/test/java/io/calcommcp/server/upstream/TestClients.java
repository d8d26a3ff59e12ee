package io.calcommcp.server.upstream;

import java.net.InetAddress;
import java.time.Duration;

/** Upstream clients for this package's tests: direct (no proxy, whatever the environment says), 1 MiB answers. */
final class TestClients {

    private TestClients() {}

    static UpstreamClient direct(Duration connectTimeout, Duration readTimeout) {
        return direct(connectTimeout, readTimeout, InetAddress::getAllByName);
    }

    /** As above, host names looked up by {@code lookup}. */
    static UpstreamClient direct(Duration connectTimeout, Duration readTimeout, HostLookups.Lookup lookup) {
        return new UpstreamClient(
                "the Test API",
                connectTimeout,
                readTimeout,
                "test/1",
                1 << 20,
                UpstreamClient.DEFAULT_MAX_CONNECTIONS,
                UpstreamProxies.none(),
                lookup);
    }
}

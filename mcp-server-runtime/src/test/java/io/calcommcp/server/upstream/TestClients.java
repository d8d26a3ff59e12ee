package io.calcommcp.server.upstream;

import java.time.Duration;

/** Upstream clients for this package's tests: direct (no proxy, whatever the environment says), 1 MiB answers. */
final class TestClients {

    private TestClients() {}

    static UpstreamClient direct(Duration connectTimeout, Duration readTimeout) {
        return new UpstreamClient(
                "the Test API",
                connectTimeout,
                readTimeout,
                "test/1",
                1 << 20,
                UpstreamClient.DEFAULT_MAX_CONNECTIONS,
                UpstreamProxies.none());
    }
}

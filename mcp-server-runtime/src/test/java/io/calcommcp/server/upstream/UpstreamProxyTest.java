package io.calcommcp.server.upstream;

import static io.calcommcp.server.upstream.RawUpstream.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.upstream.RawUpstream.Part;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Calls go through the HTTP proxy that the JVM's properties or the environment name, as a
 * corporate network needs, against a stand-in proxy on a loopback socket: plain http in absolute
 * form, https through a CONNECT tunnel that carries no credentials of the API, the proxy's own
 * credentials when it asks for them, and the exceptions NO_PROXY lists.
 */
class UpstreamProxyTest {

    private static final String KEY = "tempo_test_0123456789abcdef";
    /** Never resolved: only the proxy would look this name up. */
    private static final URI API = URI.create("http://api.example.test");

    @Test
    void aRequestGoesThroughTheProxyTheEnvironmentNames() throws Exception {
        try (RawUpstream proxy = new RawUpstream(request -> List.of(Part.text(ok("{\"via\":\"proxy\"}"))));
                UpstreamClient client = client(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()), null)) {
            UpstreamResponse response = get(client, API);

            assertEquals("{\"via\":\"proxy\"}", response.body());
            assertEquals(List.of("GET http://api.example.test/v2/me HTTP/1.1"), proxy.requestLines());
            assertEquals("api.example.test", proxy.requests.get(0).header("Host"));
        }
    }

    @Test
    void anHttpsApiIsReachedThroughATunnelThatCarriesNoCredentialsOfTheApi() throws Exception {
        try (RawUpstream proxy = new RawUpstream(
                        request -> List.of(Part.text("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")));
                UpstreamClient client = client(Map.of("https_proxy", "127.0.0.1:" + proxy.port()), null)) {
            UpstreamUnavailableException e = assertThrows(
                    UpstreamUnavailableException.class, () -> get(client, URI.create("https://api.example.test")));

            assertEquals(List.of("CONNECT api.example.test:443 HTTP/1.1"), proxy.requestLines());
            RawUpstream.Request connect = proxy.requests.get(0);
            assertNull(connect.header("Authorization"), connect.head());
            assertFalse(connect.head().contains(KEY), connect.head());
            assertEquals(
                    "The HTTP proxy refused to open a connection to the Test API (it answered HTTP 403); whoever runs"
                            + " this server must check its proxy settings.",
                    e.getMessage());
            assertFalse(e.mayHaveArrived());
        }
    }

    @Test
    void aProxyThatAsksForCredentialsGetsTheOnesItsUrlCarries() throws Exception {
        try (RawUpstream proxy = new RawUpstream(request -> request.header("Proxy-Authorization") == null
                        ? List.of(Part.text("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                + "Proxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n"))
                        : List.of(Part.text(ok("{}"))));
                UpstreamClient client =
                        client(Map.of("HTTP_PROXY", "http://alice:s%3Acret@127.0.0.1:" + proxy.port()), null)) {
            assertEquals(200, get(client, API).status());

            assertEquals(2, proxy.requests.size());
            String expected =
                    "Basic " + Base64.getEncoder().encodeToString("alice:s:cret".getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, proxy.requests.get(1).header("Proxy-Authorization"));
        }
    }

    @Test
    void theJvmsProxyPropertiesComeBeforeTheEnvironment() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RawUpstream jvmProxy = new RawUpstream(request -> List.of(Part.text(ok("{\"via\":\"jvm\"}"))));
                UpstreamClient client = client(
                        Map.of("HTTP_PROXY", "http://127.0.0.1:" + closedPort),
                        ProxySelector.of(new InetSocketAddress("127.0.0.1", jvmProxy.port())))) {
            assertEquals("{\"via\":\"jvm\"}", get(client, API).body());
        }
    }

    @Test
    void noProxyAndLoopbackHostsGoDirect() {
        UpstreamProxies proxies = UpstreamProxies.of(
                Map.of(
                        "HTTPS_PROXY", "http://proxy.corp.example:3128",
                        "NO_PROXY", "internal.example, .svc.cluster.local,10.0.0.0/8,[fd00::1]:8443,api.example:444"),
                null);

        for (String direct : List.of(
                "https://internal.example",
                "https://api.internal.example",
                "https://bookings.ns.svc.cluster.local",
                "https://10.1.2.3",
                "https://[fd00::1]:8443",
                "https://api.example:444",
                "https://localhost:8443",
                "https://127.0.0.1",
                "https://[::1]")) {
            assertEquals(List.of(Proxy.NO_PROXY), proxies.select(URI.create(direct)), direct);
        }
        for (String proxied : List.of(
                "https://api.tempo.example",
                "https://notinternal.example",
                "https://11.1.2.3",
                "https://[fd00::1]",
                "https://api.example")) {
            Proxy proxy = proxies.select(URI.create(proxied)).get(0);
            assertEquals(Proxy.Type.HTTP, proxy.type(), proxied);
            assertEquals(
                    "proxy.corp.example:3128",
                    ((InetSocketAddress) proxy.address()).getHostString() + ":"
                            + ((InetSocketAddress) proxy.address()).getPort());
        }
        assertEquals(
                List.of(Proxy.NO_PROXY),
                proxies.select(URI.create("http://api.tempo.example")),
                "an http API goes through HTTP_PROXY only");
        assertEquals(
                List.of(Proxy.NO_PROXY),
                UpstreamProxies.of(Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "*"), null)
                        .select(URI.create("https://api.tempo.example")));
    }

    @Test
    void aProxyThisServerCannotSpeakToIsRefusedWithoutShowingItsPassword() {
        IllegalArgumentException socks = assertThrows(
                IllegalArgumentException.class,
                () -> UpstreamProxies.of(Map.of("HTTPS_PROXY", "socks5://bob:hunter2@proxy:1080"), null));
        assertTrue(socks.getMessage().startsWith("HTTPS_PROXY uses socks5://"), socks.getMessage());
        assertFalse(socks.getMessage().contains("hunter2"), socks.getMessage());
    }

    private static UpstreamClient client(Map<String, String> environment, ProxySelector jvm) {
        return new UpstreamClient(
                "the Test API",
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                "test/1",
                1 << 20,
                4,
                UpstreamProxies.of(environment, jvm),
                InetAddress::getAllByName);
    }

    private static UpstreamResponse get(UpstreamClient client, URI base) throws Exception {
        return client.send(
                new UpstreamRequest("GET", "/v2/me", Map.of(), Optional.empty()),
                new UpstreamTarget(base, "Authorization", "Bearer " + KEY, KEY, false));
    }
}

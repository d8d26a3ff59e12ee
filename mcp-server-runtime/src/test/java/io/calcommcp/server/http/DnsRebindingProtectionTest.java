package io.calcommcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RawHttp;
import io.calcommcp.server.testing.RunningServer;
import io.calcommcp.toolapi.ToolExposure;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * --public-url, --allowed-host and --allowed-origin over real HTTP: what they name is accepted,
 * anything else gets 421 (Host) or 403 (Origin) and never reaches MCP.
 */
class DnsRebindingProtectionTest {

    private static FakeHttpServer upstream;
    private static RunningServer configured;
    private static RunningServer defaults;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":{}}"));
        configured = new RunningServer(new ServerConfig(
                Optional.of(RunningServer.API_KEY),
                "TEMPO_API_KEY",
                upstream.baseUrl(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                "127.0.0.1",
                0,
                List.of("mcp.example.com", "10.0.0.5:8080"),
                List.of("https://app.example.com"),
                Optional.of(URI.create("https://public.example.org")),
                ServerConfig.DEFAULT_MAX_RESULT_BYTES,
                ToolExposure.ALL,
                RequestLimits.defaults()));
        defaults = new RunningServer(upstream.baseUrl());
    }

    @AfterAll
    static void stop() {
        configured.close();
        defaults.close();
        upstream.close();
    }

    private static int status(RunningServer server, String host, String origin) throws IOException {
        RawHttp.Response response = RawHttp.postInitialize(server.port(), host, Optional.ofNullable(origin));
        if (response.status() == 200) {
            assertTrue(response.text().contains("\"name\":\"tempo-mcp\""), response.text());
        }
        return response.status();
    }

    @Test
    void hostsNamedByAllowedHostOrPublicUrlAreAccepted() throws Exception {
        for (String host : List.of(
                "mcp.example.com",
                "10.0.0.5:8080",
                "public.example.org",
                "public.example.org:443",
                "127.0.0.1:" + configured.port())) {
            assertEquals(200, status(configured, host, null), host);
        }
    }

    @Test
    void otherHostsGet421() throws Exception {
        for (String host : List.of(
                "evil.example.net",
                "mcp.example.com.evil.net",
                "10.0.0.5:9999",
                "10.0.0.5",
                "public.example.org.evil.net")) {
            assertEquals(421, status(configured, host, null), host);
        }
        // An allowed Origin does not make up for a foreign Host.
        assertEquals(421, status(configured, "evil.example.net", "https://app.example.com"));
    }

    @Test
    void originsNamedByAllowedOriginOrPublicUrl_andChatGptAreAccepted() throws Exception {
        String localHost = "127.0.0.1:" + configured.port();
        for (String origin : List.of(
                "https://app.example.com",
                "https://public.example.org",
                "https://chatgpt.com",
                "https://chat.openai.com",
                "http://localhost:3000")) {
            assertEquals(200, status(configured, localHost, origin), origin);
        }
    }

    @Test
    void foreignOriginsGet403() throws Exception {
        String localHost = "127.0.0.1:" + configured.port();
        for (String origin : List.of(
                "https://evil.example.net",
                "https://app.example.com.evil.net",
                "http://app.example.com",
                // An allowed Host does not allow its origin: that takes --allowed-origin.
                "https://mcp.example.com",
                "null")) {
            assertEquals(403, status(configured, localHost, origin), origin);
        }
    }

    @Test
    void withoutTheOptionsTheSameNamesAreRefused() throws Exception {
        assertEquals(421, status(defaults, "mcp.example.com", null));
        assertEquals(421, status(defaults, "public.example.org", null));
        assertEquals(403, status(defaults, "127.0.0.1:" + defaults.port(), "https://app.example.com"));
        assertEquals(200, status(defaults, "localhost:" + defaults.port(), "https://chatgpt.com"));
    }

    @Test
    void aHostWithUserInfoIsRefused() throws Exception {
        // The any-port pattern of localhost must not match a "port" that is not digits; Jetty already
        // refuses such a Host as malformed (400), before the MCP transport's check (421) is reached.
        for (String host : List.of(
                "localhost:80@evil.example", "127.0.0.1:" + defaults.port() + "@evil.example", "localhost:80evil")) {
            assertEquals(400, status(defaults, host, null), host);
        }
    }

    @Test
    void anOriginThatOnlyStartsLikeLocalhostIsRefused() throws Exception {
        String localHost = "127.0.0.1:" + defaults.port();
        for (String origin : List.of(
                "http://localhost:8080.evil.example",
                "http://localhost:80@evil.example",
                "http://127.0.0.1:1.evil.example",
                "http://localhost.evil.example")) {
            assertEquals(403, status(defaults, localHost, origin), origin);
        }
        assertEquals(200, status(defaults, localHost, "http://localhost:8080"));
    }
}

package io.calcommcp.server.oauth;

import static io.calcommcp.server.oauth.AuthorizationCodeTest.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import io.calcommcp.server.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration, authorization and token requests are limited per client address, with 429 and Retry-After. */
class RateLimitTest {

    @TempDir
    Path dataDir;

    OAuthServer server;
    TestClient client;

    @BeforeEach
    void start() throws Exception {
        server = new OAuthServer(dataDir, s -> s.withRateLimits(new RateLimits(2, 3, 2, 2, 100)));
        client = new TestClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theThirdRegistrationInAMinuteIs429_untilTheMinuteIsOver() throws Exception {
        client.register(TestClient.REDIRECT);
        client.register(TestClient.REDIRECT);
        HttpResponse<String> third =
                client.postJson("/oauth/register", "{\"redirect_uris\":[\"" + TestClient.REDIRECT + "\"]}");
        assertOAuthError(third, 429, "temporarily_unavailable", "Too many requests");
        long retryAfter =
                Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        server.clock.advance(Duration.ofSeconds(60));
        client.register(TestClient.REDIRECT);
    }

    @Test
    void tokenRequestsAreLimited() throws Exception {
        Map<String, List<String>> form = Map.of(
                "grant_type", List.of("refresh_token"), "refresh_token", List.of("x"), "client_id", List.of("c"));
        assertEquals(400, client.postForm("/oauth/token", form).statusCode());
        assertEquals(400, client.postForm("/oauth/token", form).statusCode());
        assertOAuthError(client.postForm("/oauth/token", form), 429, "temporarily_unavailable", null);
    }

    @Test
    void authorizationRequestsAreLimited_withAnErrorPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(400, client.get("/oauth/authorize?client_id=x").statusCode());
        }
        HttpResponse<String> limited = client.get("/oauth/authorize?client_id=x");
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertTrue(limited.body().contains("<code>temporarily_unavailable</code>"), limited.body());
    }

    @Test
    void whenTooManyAddressesAreTrackedNewOnesWait() {
        MutableClock clock = MutableClock.startingNow();
        AddressRateLimiter limiter = new AddressRateLimiter(5, 2, clock);
        assertTrue(limiter.acquire("192.0.2.1").isEmpty());
        assertTrue(limiter.acquire("192.0.2.2").isEmpty());
        assertTrue(limiter.acquire("192.0.2.3").isPresent(), "no room for a third address this minute");
        clock.advance(Duration.ofSeconds(61));
        assertTrue(limiter.acquire("192.0.2.3").isEmpty(), "ended windows make room");
    }
}

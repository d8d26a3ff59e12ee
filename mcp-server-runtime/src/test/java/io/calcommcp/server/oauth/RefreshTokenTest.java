package io.calcommcp.server.oauth;

import static io.calcommcp.server.oauth.AuthorizationCodeTest.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.calcommcp.server.oauth.testing.FakeApi;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refresh tokens are rotated on every use; a spent one presented again revokes the whole grant. */
class RefreshTokenTest {

    @TempDir
    Path dataDir;

    OAuthServer server;
    TestClient client;
    String clientId;

    @BeforeEach
    void start() throws Exception {
        server = new OAuthServer(dataDir);
        client = new TestClient(server);
        clientId = client.register(TestClient.REDIRECT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aReusedRotatedRefreshTokenRevokesTheGrant() throws Exception {
        TestClient.Tokens first = client.connect(clientId, FakeApi.GOOD_KEY, "read");
        TestClient.Tokens second = TestClient.tokens(client.refresh(clientId, first.refreshToken()));
        server.api.clear();

        assertOAuthError(client.refresh(clientId, first.refreshToken()), 400, "invalid_grant", "used before");
        assertEquals(401, client.callMcp("/mcp", second.accessToken()).statusCode(), "the newer tokens die too");
        assertOAuthError(client.refresh(clientId, second.refreshToken()), 400, "invalid_grant", null);
        assertEquals(List.of(), server.store.oauthGrants().list());
        assertEquals(List.of(), server.api.received());
    }

    @Test
    void anotherClientsRefreshTokenIsInvalidGrant_andTheGrantLives() throws Exception {
        TestClient.Tokens tokens = client.connect(clientId, FakeApi.GOOD_KEY, "read");
        String other = client.register(TestClient.REDIRECT);
        assertOAuthError(client.refresh(other, tokens.refreshToken()), 400, "invalid_grant", "another client");
        TestClient.tokens(client.refresh(clientId, tokens.refreshToken()));
    }

    @Test
    void anExpiredRefreshTokenIsInvalidGrant() throws Exception {
        TestClient.Tokens tokens = client.connect(clientId, FakeApi.GOOD_KEY, "read");
        server.clock.advance(OAuthSettings.DEFAULT_REFRESH_TOKEN_LIFETIME.plus(Duration.ofSeconds(1)));
        assertOAuthError(client.refresh(clientId, tokens.refreshToken()), 400, "invalid_grant", null);
    }

    @Test
    void anUnknownRefreshTokenIsInvalidGrant() throws Exception {
        assertOAuthError(client.refresh(clientId, "B".repeat(43)), 400, "invalid_grant", "unknown");
    }
}

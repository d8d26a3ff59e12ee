package io.calcommcp.server.oauth;

import static io.calcommcp.server.oauth.AuthorizationCodeTest.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.admin.AdminService;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.oauth.testing.FakeApi;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import io.calcommcp.server.oauth.testing.TestTools;
import io.calcommcp.server.store.EncryptionKey;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreLocation;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard of {@code /mcp}: tokens are bound to the resource, never accepted from the query
 * string, and looked up on every request, so revocation and expiry apply at once; every refusal
 * is a 401 (or 400) with the challenge that names the resource metadata, and sends nothing to the
 * API.
 */
class ResourceGuardTest {

    @TempDir
    Path dataDir;

    OAuthServer server;
    TestClient client;
    String clientId;
    TestClient.Tokens tokens;

    @BeforeEach
    void connect() throws Exception {
        server = new OAuthServer(dataDir);
        client = new TestClient(server);
        clientId = client.register(TestClient.REDIRECT);
        tokens = client.connect(clientId, FakeApi.GOOD_KEY, "read");
        server.api.clear();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTokenForAnotherResourceIsRefused() throws Exception {
        HttpResponse<String> answer = client.callMcp("/other/mcp", tokens.accessToken());
        assertOAuthError(answer, 401, "invalid_token", "another resource");
        assertChallenge(answer, "invalid_token");
        assertEquals(List.of(), server.api.received());
        assertEquals(200, client.callMcp("/mcp", tokens.accessToken()).statusCode(), "still good where it belongs");
    }

    @Test
    void aTokenInTheQueryStringIsRefused_andRevoked() throws Exception {
        HttpResponse<String> answer = client.get("/mcp?access_token=" + tokens.accessToken());
        assertOAuthError(answer, 400, "invalid_request", "query string");
        assertChallenge(answer, "invalid_request");
        HttpResponse<String> both = client.get(
                "/mcp?access_token=" + tokens.accessToken(), Map.of("Authorization", "Bearer " + tokens.accessToken()));
        assertEquals(400, both.statusCode(), "refused even beside a header");
        assertEquals(
                401, client.callMcp("/mcp", tokens.accessToken()).statusCode(), "a token seen in a URL is revoked");
        assertEquals(List.of(), server.api.received());
    }

    @Test
    void aRevokedGrantsTokensAreRefused() throws Exception {
        AdminService admin =
                new AdminService(server.store, TestTools.all(), server.clock, new McpUrls(server.issuer()));
        List<AdminService.OAuthGrantDetails> grants = admin.oauthGrants();
        assertEquals(1, grants.size());
        assertEquals(
                Optional.of(List.of("read")), grants.get(0).server().config().methods());
        admin.revokeOAuthGrant(grants.get(0).grant().id());

        HttpResponse<String> answer = client.callMcp("/mcp", tokens.accessToken());
        assertOAuthError(answer, 401, "invalid_token", null);
        assertChallenge(answer, "invalid_token");
        assertOAuthError(client.refresh(clientId, tokens.refreshToken()), 400, "invalid_grant", null);
        assertEquals(List.of(), server.api.received());
        assertEquals(List.of(), admin.oauthGrants());
        assertEquals(List.of(), server.store.accounts().list(), "the person's key is gone");
    }

    @Test
    void aGrantRevokedThroughAnotherReplicaIsRefusedAtOnce() throws Exception {
        // A second server process on the same database: nothing it revokes is cached by the first.
        try (Store replica = Store.open(
                StoreLocation.embedded(dataDir),
                new EncryptionKey("TEST_KEY", Optional.of(OAuthServer.STORE_KEY), Optional.empty()),
                server.clock)) {
            ResourceGuard replicaGuard = new ResourceGuard(
                    server.settings,
                    () -> replica,
                    URI.create(server.api.baseUrl()),
                    server.clock,
                    Optional.empty(),
                    0,
                    new StructuredLog(new PrintStream(OutputStream.nullOutputStream()), new ObjectMapper()));
            GuardDecision before = replicaGuard.check(
                    Optional.of("Bearer " + tokens.accessToken()), Optional.empty(), server.settings.resource());
            assertTrue(before instanceof GuardDecision.Allowed, before.toString());
            assertEquals(200, client.callMcp("/mcp", tokens.accessToken()).statusCode());

            String grantId = ((GuardDecision.Allowed) before).grantId();
            assertTrue(replica.oauthGrants().revoke(grantId));
            assertEquals(401, client.callMcp("/mcp", tokens.accessToken()).statusCode());
        }
    }

    @Test
    void deletingTheGrantsMcpServerEndsItsTokens() throws Exception {
        String serverId = server.store.oauthGrants().list().get(0).mcpServerId();
        assertTrue(server.store.mcpServers().delete(serverId));
        assertOAuthError(client.callMcp("/mcp", tokens.accessToken()), 401, "invalid_token", null);
    }

    @Test
    void anExpiredAccessTokenIsRefused_andARefreshGivesAWorkingOne() throws Exception {
        server.clock.advance(Duration.ofHours(1));
        assertOAuthError(client.callMcp("/mcp", tokens.accessToken()), 401, "invalid_token", "expired");
        TestClient.Tokens refreshed = TestClient.tokens(client.refresh(clientId, tokens.refreshToken()));
        assertEquals(200, client.callMcp("/mcp", refreshed.accessToken()).statusCode());
    }

    @Test
    void anUnknownTokenIsInvalidToken_andAMalformedHeaderIsInvalidRequest() throws Exception {
        assertOAuthError(client.callMcp("/mcp", "A".repeat(43)), 401, "invalid_token", null);
        assertOAuthError(client.callMcp("/mcp", "not a token at all"), 401, "invalid_token", null);
        HttpResponse<String> bare = client.get("/mcp", Map.of("Authorization", "Bearer"));
        assertOAuthError(bare, 400, "invalid_request", null);
        HttpResponse<String> basic = client.get("/mcp", Map.of("Authorization", "Basic dXNlcjpwYXNz"));
        assertEquals(401, basic.statusCode());
        assertEquals(
                "Bearer resource_metadata=\"" + server.settings.resourceMetadataUrl() + "\"",
                basic.headers().firstValue("WWW-Authenticate").orElseThrow(),
                "no bearer credentials: the bare challenge, without an error code");
        assertEquals(List.of(), server.api.received());
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() throws Exception {
        assertOAuthError(client.callMcp("/mcp", tokens.refreshToken()), 401, "invalid_token", null);
    }

    private void assertChallenge(HttpResponse<String> answer, String error) {
        String challenge = answer.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(
                challenge.startsWith("Bearer resource_metadata=\"" + server.settings.resourceMetadataUrl() + "\""),
                challenge);
        assertTrue(challenge.contains("error=\"" + error + "\""), challenge);
    }
}

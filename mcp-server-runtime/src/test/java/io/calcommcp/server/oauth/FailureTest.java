package io.calcommcp.server.oauth;

import static io.calcommcp.server.oauth.AuthorizationCodeTest.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.oauth.testing.FakeApi;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import io.calcommcp.server.store.StoreLocation;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the database or the key check fails, every endpoint answers what happened and the server keeps serving. */
class FailureTest {

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseThatIsDownIs503WithRetryAfter_onEveryEndpoint() throws Exception {
        try (OAuthServer server = new OAuthServer(dataDir)) {
            TestClient client = new TestClient(server);
            String clientId = client.register(TestClient.REDIRECT);
            TestClient.Tokens tokens = client.connect(clientId, FakeApi.GOOD_KEY, "read");
            server.store.close();

            HttpResponse<String> token = client.refresh(clientId, tokens.refreshToken());
            assertOAuthError(token, 503, "temporarily_unavailable", "database");
            assertEquals("5", token.headers().firstValue("Retry-After").orElseThrow());
            HttpResponse<String> mcp = client.callMcp("/mcp", tokens.accessToken());
            assertOAuthError(mcp, 503, "temporarily_unavailable", "database");
            HttpResponse<String> page = client.authorize(
                    client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
            assertEquals(503, page.statusCode());
            assertTrue(page.body().contains("<code>temporarily_unavailable</code>"), page.body());
            assertOAuthError(
                    client.postJson("/oauth/register", "{\"redirect_uris\":[\"" + TestClient.REDIRECT + "\"]}"),
                    503,
                    "temporarily_unavailable",
                    null);
            assertEquals(
                    200,
                    client.get("/.well-known/oauth-authorization-server").statusCode(),
                    "metadata needs no database");
        }
    }

    @Test
    void aKeyCheckThatFailsShowsThePageAgain_andStoresNothing() throws Exception {
        try (OAuthServer server = new OAuthServer(StoreLocation.embedded(dataDir), UnaryOperator.identity(), apiKey -> {
            throw new IllegalStateException("the check broke");
        })) {
            TestClient client = new TestClient(server);
            String clientId = client.register(TestClient.REDIRECT);
            TestClient.ConsentPage page = client.consentPage(
                    client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
            HttpResponse<String> answer = client.submit(page, FakeApi.GOOD_KEY, "read", List.of());
            assertEquals(503, answer.statusCode());
            assertTrue(answer.body().contains("could not be checked"), answer.body());
            assertEquals(List.of(), server.store.oauthGrants().list());
        }
    }
}

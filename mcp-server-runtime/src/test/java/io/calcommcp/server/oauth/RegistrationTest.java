package io.calcommcp.server.oauth;

import static io.calcommcp.server.oauth.AuthorizationCodeTest.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.oauth.client.RedirectPolicy;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic client registration: public clients only, redirect URIs by the policy, OAuth errors as JSON. */
class RegistrationTest {

    static final String CHATGPT = "https://chatgpt.com/connector/oauth/abc123XYZ";

    @TempDir
    Path dataDir;

    OAuthServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void chatGptsCallbacksAreAcceptedByDefault_andTheClientIsPublic() throws Exception {
        server = new OAuthServer(dataDir);
        TestClient client = new TestClient(server);
        HttpResponse<String> answer = client.postJson(
                "/oauth/register",
                "{\"client_name\":\"ChatGPT\",\"redirect_uris\":[\"" + CHATGPT + "\","
                        + "\"https://chatgpt.com/connector_platform_oauth_redirect\"],"
                        + "\"token_endpoint_auth_method\":\"client_secret_post\"}");
        assertEquals(201, answer.statusCode(), answer.body());
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode registered = TestClient.json(answer);
        assertEquals("none", registered.get("token_endpoint_auth_method").asText(), "registered as public");
        assertFalse(registered.has("client_secret"));
        assertEquals(2, registered.get("redirect_uris").size());
        assertEquals(43, registered.get("client_id").asText().length());
        assertTrue(registered.has("client_id_issued_at"));
    }

    @Test
    void badRedirectUrisAreInvalidRedirectUri() throws Exception {
        server = new OAuthServer(dataDir);
        TestClient client = new TestClient(server);
        for (String bad : List.of(
                "http://app.example/callback",
                "javascript:alert(1)",
                "https://app.example/callback#fragment",
                "/relative/callback",
                "myapp://callback")) {
            HttpResponse<String> answer = client.postJson("/oauth/register", "{\"redirect_uris\":[\"" + bad + "\"]}");
            assertOAuthError(answer, 400, "invalid_redirect_uri", null);
        }
        assertOAuthError(
                client.postJson("/oauth/register", "{\"client_name\":\"x\"}"), 400, "invalid_redirect_uri", "required");
    }

    @Test
    void otherGrantTypesAreInvalidClientMetadata() throws Exception {
        server = new OAuthServer(dataDir);
        TestClient client = new TestClient(server);
        HttpResponse<String> answer = client.postJson(
                "/oauth/register",
                "{\"redirect_uris\":[\"" + TestClient.REDIRECT + "\"],\"grant_types\":[\"client_credentials\"]}");
        assertOAuthError(answer, 400, "invalid_client_metadata", "grant_types");
    }

    @Test
    void aBodyThatIsNotJsonIsAnOAuthError() throws Exception {
        server = new OAuthServer(dataDir);
        TestClient client = new TestClient(server);
        HttpResponse<String> answer = client.postJson("/oauth/register", "{not json");
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(TestClient.json(answer).has("error"));
        assertFalse(answer.body().contains("Exception"), answer.body());
        assertOAuthError(
                client.postJson("/oauth/register", "{\"redirect_uris\":[\"" + "x".repeat(20_000) + "\"]}"),
                400,
                "invalid_client_metadata",
                "larger than");
    }

    @Test
    void anOperatorsListNarrowsTheRedirectHosts_andAPrivateUseSchemeWidensIt() throws Exception {
        server = new OAuthServer(dataDir, s -> s.withRedirects(RedirectPolicy.of(List.of("chatgpt.com", "cursor:"))));
        TestClient client = new TestClient(server);
        assertEquals(
                201,
                client.postJson("/oauth/register", "{\"redirect_uris\":[\"" + CHATGPT + "\"]}")
                        .statusCode());
        assertEquals(
                201,
                client.postJson("/oauth/register", "{\"redirect_uris\":[\"cursor://anysphere.cursor/oauth\"]}")
                        .statusCode());
        assertOAuthError(
                client.postJson("/oauth/register", "{\"redirect_uris\":[\"https://claude.ai/api/callback\"]}"),
                400,
                "invalid_redirect_uri",
                "does not allow");
        // Loopback stays allowed: the code never leaves the person's machine.
        client.register(TestClient.REDIRECT);
    }
}

package io.calcommcp.server.oauth;

import static io.calcommcp.server.oauth.AuthorizationCodeTest.assertErrorPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.oauth.client.ClientMetadataDocuments;
import io.calcommcp.server.oauth.testing.DocumentHost;
import io.calcommcp.server.oauth.testing.FakeApi;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients identified by the URL of their metadata document: fetched through the SSRF guard (no
 * private or loopback address unless the test flag allows it, https only, a size cap), checked
 * (the document names itself), cached briefly, and then served like registered clients.
 */
class ClientMetadataDocumentTest {

    @TempDir
    Path dataDir;

    DocumentHost host;
    OAuthServer server;

    @BeforeEach
    void startHost() throws Exception {
        host = new DocumentHost();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        host.close();
    }

    @Test
    void aCimdDocumentOnAPrivateAddressIsRefused() throws Exception {
        server = new OAuthServer(dataDir);
        TestClient client = new TestClient(server);
        for (String clientId : List.of(
                "https://127.0.0.1:" + host.port() + "/client.json",
                "https://localhost:" + host.port() + "/client.json",
                "https://[::1]:" + host.port() + "/client.json",
                "https://10.1.2.3/client.json",
                "https://169.254.169.254/latest/meta-data")) {
            HttpResponse<String> answer = client.authorize(
                    client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
            assertErrorPage(answer, "invalid_client");
            assertTrue(answer.body().contains("not public"), clientId + ": " + answer.body());
        }
        assertEquals(0, host.requests(), "nothing was fetched");
        assertEquals(List.of(), server.api.received(), "nothing was sent upstream");
    }

    @Test
    void aPlainHttpClientIdIsRefused() throws Exception {
        server = new OAuthServer(dataDir);
        TestClient client = new TestClient(server);
        String clientId = host.url("/client.json");
        publish(clientId, "/client.json");
        HttpResponse<String> answer =
                client.authorize(client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        assertErrorPage(answer, "invalid_client");
        assertTrue(answer.body().contains("must be an https URL"), answer.body());
        assertEquals(0, host.requests());
    }

    @Test
    void aClientWithAMetadataDocumentConnectsWithoutRegistering_andItsDocumentIsCached() throws Exception {
        server = new OAuthServer(dataDir, s -> s.withDocuments(s.documents().allowingLocalAddresses()));
        TestClient client = new TestClient(server);
        String clientId = host.url("/oauth/client.json");
        publish(clientId, "/oauth/client.json");

        TestClient.Pkce pkce = TestClient.Pkce.random();
        TestClient.ConsentPage page =
                client.consentPage(client.authorizationRequest(clientId, TestClient.REDIRECT, pkce));
        assertTrue(page.html().contains("Document Client"), page.html());
        assertTrue(page.html().contains("<code>" + clientId + "</code>"), "the page names the document's URL");
        HttpResponse<String> answer = client.submit(page, FakeApi.GOOD_KEY, "read", List.of());
        String code = TestClient.redirectParameter(answer, "code").orElseThrow();
        TestClient.Tokens tokens =
                TestClient.tokens(client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT));
        assertEquals(200, client.callMcp("/mcp", tokens.accessToken()).statusCode());
        TestClient.tokens(client.refresh(clientId, tokens.refreshToken()));
        assertEquals(1, host.requests(), "fetched once for the page and its form (max-age=60)");

        server.clock.advance(Duration.ofSeconds(61));
        client.consentPage(client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        assertEquals(2, host.requests(), "fetched again once its age ran out");
    }

    @Test
    void aDocumentThatNamesAnotherClientIdIsRefused() throws Exception {
        server = new OAuthServer(dataDir, s -> s.withDocuments(s.documents().allowingLocalAddresses()));
        TestClient client = new TestClient(server);
        String clientId = host.url("/client.json");
        publish("https://app.example/client.json", "/client.json");
        HttpResponse<String> answer =
                client.authorize(client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        assertErrorPage(answer, "invalid_client");
        assertTrue(answer.body().contains("names another client_id"), answer.body());
    }

    @Test
    void aDocumentLargerThanTheLimitIsRefused() throws Exception {
        server = new OAuthServer(dataDir, s -> s.withDocuments(s.documents().allowingLocalAddresses()));
        TestClient client = new TestClient(server);
        String clientId = host.url("/big.json");
        host.publish(
                "/big.json",
                new DocumentHost.Document(
                        "application/json",
                        "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[\"" + TestClient.REDIRECT
                                + "\"],\"client_name\":\"" + "x".repeat(6000) + "\"}",
                        null));
        HttpResponse<String> answer =
                client.authorize(client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        assertErrorPage(answer, "invalid_client");
        assertTrue(
                answer.body()
                        .contains("larger than "
                                + ClientMetadataDocuments.Limits.defaults().maxBytes() + " bytes"),
                answer.body());
    }

    @Test
    void aDocumentWithASecretOrAnUnlistedRedirectIsRefused() throws Exception {
        server = new OAuthServer(dataDir, s -> s.withDocuments(s.documents().allowingLocalAddresses()));
        TestClient client = new TestClient(server);
        String withSecret = host.url("/secret.json");
        host.publish(
                "/secret.json",
                new DocumentHost.Document(
                        "application/json",
                        "{\"client_id\":\"" + withSecret + "\",\"redirect_uris\":[\"" + TestClient.REDIRECT
                                + "\"],\"token_endpoint_auth_method\":\"client_secret_basic\"}",
                        null));
        assertErrorPage(
                client.authorize(
                        client.authorizationRequest(withSecret, TestClient.REDIRECT, TestClient.Pkce.random())),
                "invalid_client");

        String clientId = host.url("/client.json");
        publish(clientId, "/client.json");
        assertErrorPage(
                client.authorize(client.authorizationRequest(
                        clientId, "http://127.0.0.1:53682/other", TestClient.Pkce.random())),
                "invalid_request");
    }

    private void publish(String clientId, String path) {
        host.publish(
                path,
                new DocumentHost.Document(
                        "application/json",
                        "{\"client_id\":\"" + clientId + "\",\"client_name\":\"Document Client\",\"redirect_uris\":[\""
                                + TestClient.REDIRECT
                                + "\"],\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                                + "\"response_types\":[\"code\"],\"token_endpoint_auth_method\":\"none\"}",
                        "max-age=60"));
    }
}

package io.calcommcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.oauth.testing.FakeApi;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization request and the code exchange refuse everything OAuth 2.1 and the MCP
 * authorization specification forbid, each with its OAuth error; where a request comes back to the
 * client it carries {@code state} and {@code iss}; where the redirect target is not trusted, the
 * answer is an error page and never a redirect.
 */
class AuthorizationCodeTest {

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
    void aWrongPkceVerifierIsInvalidGrant_andSpendsTheCodeAndTheConsent() throws Exception {
        TestClient.Pkce pkce = TestClient.Pkce.random();
        String code = client.code(clientId, TestClient.REDIRECT, pkce, FakeApi.GOOD_KEY, "read");
        HttpResponse<String> wrong =
                client.exchange(clientId, code, TestClient.Pkce.random().verifier(), TestClient.REDIRECT);
        assertOAuthError(wrong, 400, "invalid_grant", "code_verifier");

        HttpResponse<String> right = client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT);
        assertOAuthError(right, 400, "invalid_grant", null);
        assertEquals(List.of(), server.store.oauthGrants().list(), "the consent is revoked with its code");
        assertEquals(List.of(), server.store.accounts().list(), "and the key it stored");
        assertEquals(1, server.api.received().size(), "only the key check reached the API");
    }

    @Test
    void aCodeUsedTwiceIsInvalidGrantAndRevokesItsTokens() throws Exception {
        TestClient.Pkce pkce = TestClient.Pkce.random();
        String code = client.code(clientId, TestClient.REDIRECT, pkce, FakeApi.GOOD_KEY, "read");
        TestClient.Tokens tokens =
                TestClient.tokens(client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT));
        assertEquals(200, client.callMcp("/mcp", tokens.accessToken()).statusCode());
        server.api.clear();

        HttpResponse<String> again = client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT);
        assertOAuthError(again, 400, "invalid_grant", "used before");
        assertEquals(401, client.callMcp("/mcp", tokens.accessToken()).statusCode());
        assertOAuthError(client.refresh(clientId, tokens.refreshToken()), 400, "invalid_grant", null);
        assertEquals(List.of(), server.api.received(), "nothing reached the API after the second use");
    }

    @Test
    void aCodeAfter60SecondsIsInvalidGrant() throws Exception {
        TestClient.Pkce pkce = TestClient.Pkce.random();
        String code = client.code(clientId, TestClient.REDIRECT, pkce, FakeApi.GOOD_KEY, "read");
        server.clock.advance(Duration.ofSeconds(60));
        assertOAuthError(
                client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT), 400, "invalid_grant", "expired");

        TestClient.Pkce fresh = TestClient.Pkce.random();
        String inTime = client.code(clientId, TestClient.REDIRECT, fresh, FakeApi.GOOD_KEY, "read");
        server.clock.advance(Duration.ofSeconds(59));
        TestClient.tokens(client.exchange(clientId, inTime, fresh.verifier(), TestClient.REDIRECT));
    }

    @Test
    void aCodeOfAnotherClientIsInvalidGrant() throws Exception {
        String other = client.register(TestClient.REDIRECT);
        TestClient.Pkce pkce = TestClient.Pkce.random();
        String code = client.code(clientId, TestClient.REDIRECT, pkce, FakeApi.GOOD_KEY, "read");
        assertOAuthError(
                client.exchange(other, code, pkce.verifier(), TestClient.REDIRECT),
                400,
                "invalid_grant",
                "another client");
    }

    @Test
    void aCodeExchangedWithAnotherRedirectUriIsInvalidGrant() throws Exception {
        TestClient.Pkce pkce = TestClient.Pkce.random();
        String code = client.code(clientId, TestClient.REDIRECT, pkce, FakeApi.GOOD_KEY, "read");
        assertOAuthError(
                client.exchange(clientId, code, pkce.verifier(), "http://127.0.0.1:53682/elsewhere"),
                400,
                "invalid_grant",
                "redirect_uri");
    }

    @Test
    void anUnregisteredRedirectUriIsAnErrorPageNotARedirect() throws Exception {
        Map<String, String> request =
                client.authorizationRequest(clientId, "https://attacker.example/steal", TestClient.Pkce.random());
        HttpResponse<String> answer = client.authorize(request);
        assertErrorPage(answer, "invalid_request");
        assertTrue(answer.body().contains("not one this client registered"), answer.body());
        assertEquals(List.of(), server.api.received());
    }

    @Test
    void anUnknownClientIsAnErrorPageNotARedirect() throws Exception {
        Map<String, String> request =
                client.authorizationRequest("no-such-client", TestClient.REDIRECT, TestClient.Pkce.random());
        assertErrorPage(client.authorize(request), "invalid_client");
    }

    @Test
    void aRequestWithoutPkceGoesBackWithInvalidRequest_stateAndIss() throws Exception {
        Map<String, String> request = new LinkedHashMap<>(
                client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        request.remove("code_challenge");
        request.remove("code_challenge_method");
        HttpResponse<String> answer = client.authorize(request);
        assertRedirectedError(answer, "invalid_request", request.get("state"));
    }

    @Test
    void aPlainPkceChallengeIsRefused() throws Exception {
        Map<String, String> request = new LinkedHashMap<>(
                client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        request.put("code_challenge_method", "plain");
        assertRedirectedError(client.authorize(request), "invalid_request", request.get("state"));
    }

    @Test
    void aRequestForAnotherResourceGoesBackWithInvalidTarget() throws Exception {
        Map<String, String> request = new LinkedHashMap<>(
                client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        request.put("resource", "https://elsewhere.example/mcp");
        assertRedirectedError(client.authorize(request), "invalid_target", request.get("state"));
    }

    @Test
    void anImplicitFlowRequestIsUnsupportedResponseType() throws Exception {
        Map<String, String> request = new LinkedHashMap<>(
                client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        request.put("response_type", "token");
        assertRedirectedError(client.authorize(request), "unsupported_response_type", request.get("state"));
    }

    @Test
    void aRequestWithoutResourceIsForThisServersResource() throws Exception {
        TestClient.Pkce pkce = TestClient.Pkce.random();
        Map<String, String> request =
                new LinkedHashMap<>(client.authorizationRequest(clientId, TestClient.REDIRECT, pkce));
        request.remove("resource");
        TestClient.ConsentPage page = client.consentPage(request);
        HttpResponse<String> answer = client.submit(page, FakeApi.GOOD_KEY, "read", List.of());
        String code = TestClient.redirectParameter(answer, "code").orElseThrow();
        TestClient.Tokens tokens =
                TestClient.tokens(client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT));
        assertEquals(200, client.callMcp("/mcp", tokens.accessToken()).statusCode());
    }

    @Test
    void aTokenRequestWithAClientSecretIsInvalidClient() throws Exception {
        HttpResponse<String> answer = client.postForm(
                "/oauth/token",
                Map.of(
                        "grant_type", List.of("authorization_code"),
                        "code", List.of("x"),
                        "client_id", List.of(clientId),
                        "client_secret", List.of("guess")));
        assertOAuthError(answer, 401, "invalid_client", null);
    }

    @Test
    void aClientCredentialsRequestIsUnsupportedGrantType_orInvalidClient() throws Exception {
        HttpResponse<String> answer = client.postForm(
                "/oauth/token", Map.of("grant_type", List.of("password"), "client_id", List.of(clientId)));
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = TestClient.json(answer);
        assertTrue(
                List.of("unsupported_grant_type", "invalid_request")
                        .contains(error.get("error").asText()),
                answer.body());
    }

    @Test
    void aGetOfTheTokenEndpointIsAnOAuthErrorNotAStackTrace() throws Exception {
        HttpResponse<String> answer = client.get("/oauth/token");
        assertOAuthError(answer, 405, "invalid_request", "POST");
        HttpResponse<String> garbage = client.postForm("/oauth/token", Map.of("grant_type", List.of("%%%")));
        assertEquals(400, garbage.statusCode(), garbage.body());
        assertTrue(TestClient.json(garbage).has("error_description"));
        assertFalse(garbage.body().contains("Exception"), garbage.body());
    }

    static void assertOAuthError(HttpResponse<String> answer, int status, String error, String descriptionPart)
            throws Exception {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode json = TestClient.json(answer);
        assertEquals(error, json.get("error").asText(), answer.body());
        assertTrue(json.hasNonNull("error_description"), answer.body());
        if (descriptionPart != null) {
            assertTrue(json.get("error_description").asText().contains(descriptionPart), answer.body());
        }
    }

    static void assertErrorPage(HttpResponse<String> answer, String error) {
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Location").isEmpty(), "an error page, never a redirect");
        assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(answer.body().contains("<code>" + error + "</code>"), answer.body());
    }

    void assertRedirectedError(HttpResponse<String> answer, String error, String state) {
        assertEquals(302, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(TestClient.REDIRECT + "?"), location);
        assertEquals(error, TestClient.redirectParameter(answer, "error").orElseThrow());
        assertEquals(state, TestClient.redirectParameter(answer, "state").orElseThrow());
        assertEquals(
                server.issuer().toString(),
                TestClient.redirectParameter(answer, "iss").orElseThrow());
        assertTrue(TestClient.redirectParameter(answer, "code").isEmpty());
    }
}

package io.calcommcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.oauth.testing.FakeApi;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import io.calcommcp.server.store.StoredOAuthGrant;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow a client such as ChatGPT goes through, over real HTTP: discovery, registration,
 * authorization, the consent form, the code exchange, a call to the resource with the person's own
 * key, a refresh, and revocation.
 */
class OAuthFlowTest {

    @TempDir
    Path dataDir;

    OAuthServer server;
    TestClient client;

    @BeforeEach
    void start() throws Exception {
        server = new OAuthServer(dataDir);
        client = new TestClient(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theMetadataLeadsFromTheResourceToEveryEndpoint() throws Exception {
        HttpResponse<String> unauthenticated = client.get("/mcp");
        assertEquals(401, unauthenticated.statusCode());
        String challenge =
                unauthenticated.headers().firstValue("WWW-Authenticate").orElseThrow();
        String metadataUrl = server.issuer() + "/.well-known/oauth-protected-resource/mcp";
        assertEquals("Bearer resource_metadata=\"" + metadataUrl + "\"", challenge);

        JsonNode resource = TestClient.json(client.get("/.well-known/oauth-protected-resource/mcp"));
        assertEquals(server.issuer() + "/mcp", resource.get("resource").asText());
        assertEquals(
                server.issuer().toString(),
                resource.get("authorization_servers").get(0).asText());

        HttpResponse<String> asResponse = client.get("/.well-known/oauth-authorization-server");
        assertEquals(200, asResponse.statusCode());
        assertEquals(
                "*",
                asResponse.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        JsonNode as = TestClient.json(asResponse);
        assertEquals(server.issuer().toString(), as.get("issuer").asText());
        assertEquals(
                server.issuer() + "/oauth/authorize",
                as.get("authorization_endpoint").asText());
        assertEquals(server.issuer() + "/oauth/token", as.get("token_endpoint").asText());
        assertEquals(
                server.issuer() + "/oauth/register",
                as.get("registration_endpoint").asText());
        assertEquals(
                server.issuer() + "/oauth/revoke", as.get("revocation_endpoint").asText());
        assertEquals("[\"S256\"]", as.get("code_challenge_methods_supported").toString());
        assertEquals(
                "[\"none\"]", as.get("token_endpoint_auth_methods_supported").toString());
        assertTrue(as.get("client_id_metadata_document_supported").asBoolean());
        assertTrue(as.get("authorization_response_iss_parameter_supported").asBoolean());
    }

    @Test
    void aRegisteredClientGetsTokensThatCallTheApiWithThePersonsOwnKey() throws Exception {
        String clientId = client.register(TestClient.REDIRECT);
        TestClient.Pkce pkce = TestClient.Pkce.random();
        TestClient.ConsentPage page =
                client.consentPage(client.authorizationRequest(clientId, TestClient.REDIRECT, pkce));
        assertTrue(page.html().contains("Test Client"), page.html());
        assertEquals(
                "frame-ancestors 'none'",
                page.response()
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .map(csp -> csp.replaceAll(".*(frame-ancestors 'none').*", "$1"))
                        .orElseThrow());
        assertEquals(
                "no-store",
                page.response().headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<String> answer = client.submit(page, FakeApi.GOOD_KEY, "read_write", List.of());
        assertEquals(303, answer.statusCode(), answer.body());
        assertEquals(
                "state-" + pkce.challenge().substring(0, 8),
                TestClient.redirectParameter(answer, "state").orElseThrow());
        assertEquals(
                server.issuer().toString(),
                TestClient.redirectParameter(answer, "iss").orElseThrow());
        String code = TestClient.redirectParameter(answer, "code").orElseThrow();
        // The key was checked once with the API before anything was stored.
        assertEquals(1, server.api.received().size());
        assertEquals("Bearer " + FakeApi.GOOD_KEY, server.api.received().get(0).authorization());

        TestClient.Tokens tokens =
                TestClient.tokens(client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT));
        assertEquals(3600, tokens.expiresIn());

        HttpResponse<String> call = client.callMcp("/mcp", tokens.accessToken());
        assertEquals(200, call.statusCode(), call.body());
        JsonNode called = TestClient.json(call);
        assertEquals(
                "[\"list_things\",\"get_thing\",\"create_thing\",\"delete_thing\",\"list_widgets\"]",
                called.get("tools").toString());
        assertEquals(200, called.get("upstream").asInt());
        FakeApi.Received upstream =
                server.api.received().get(server.api.received().size() - 1);
        assertEquals("/things", upstream.path());
        assertEquals("Bearer " + FakeApi.GOOD_KEY, upstream.authorization(), "the person's own key reached the API");
    }

    @Test
    void aReadOnlyGrantShowsNoWriteTool_andTagsNarrowItFurther() throws Exception {
        String clientId = client.register(TestClient.REDIRECT);
        TestClient.Tokens readOnly = client.connect(clientId, FakeApi.GOOD_KEY, "read");
        assertEquals(
                "[\"list_things\",\"get_thing\",\"list_widgets\"]",
                TestClient.json(client.callMcp("/mcp", readOnly.accessToken()))
                        .get("tools")
                        .toString());

        TestClient.Pkce pkce = TestClient.Pkce.random();
        TestClient.ConsentPage page =
                client.consentPage(client.authorizationRequest(clientId, TestClient.REDIRECT, pkce));
        HttpResponse<String> answer = client.submit(page, FakeApi.GOOD_KEY, "read", List.of("widgets"));
        String code = TestClient.redirectParameter(answer, "code").orElseThrow();
        TestClient.Tokens widgets =
                TestClient.tokens(client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT));
        assertEquals(
                "[\"list_widgets\"]",
                TestClient.json(client.callMcp("/mcp", widgets.accessToken()))
                        .get("tools")
                        .toString());
    }

    @Test
    void aRefreshRotatesBothTokens_andTheNewOnesWork() throws Exception {
        String clientId = client.register(TestClient.REDIRECT);
        TestClient.Tokens first = client.connect(clientId, FakeApi.GOOD_KEY, "read");
        TestClient.Tokens second = TestClient.tokens(client.refresh(clientId, first.refreshToken()));
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertNotEquals(first.accessToken(), second.accessToken());
        assertEquals(200, client.callMcp("/mcp", second.accessToken()).statusCode());
        TestClient.Tokens third = TestClient.tokens(client.refresh(clientId, second.refreshToken()));
        assertEquals(200, client.callMcp("/mcp", third.accessToken()).statusCode());
    }

    @Test
    void revokingTheRefreshTokenEndsTheGrant_andRevokingAnAccessTokenEndsOnlyIt() throws Exception {
        String clientId = client.register(TestClient.REDIRECT);
        TestClient.Tokens tokens = client.connect(clientId, FakeApi.GOOD_KEY, "read");
        TestClient.Tokens refreshed = TestClient.tokens(client.refresh(clientId, tokens.refreshToken()));

        HttpResponse<String> revokeAccess = client.postForm(
                "/oauth/revoke",
                Map.of(
                        "token", List.of(tokens.accessToken()),
                        "token_type_hint", List.of("access_token"),
                        "client_id", List.of(clientId)));
        assertEquals(200, revokeAccess.statusCode(), revokeAccess.body());
        assertEquals(401, client.callMcp("/mcp", tokens.accessToken()).statusCode());
        assertEquals(200, client.callMcp("/mcp", refreshed.accessToken()).statusCode(), "the grant lives on");

        HttpResponse<String> revokeRefresh = client.postForm(
                "/oauth/revoke", Map.of("token", List.of(refreshed.refreshToken()), "client_id", List.of(clientId)));
        assertEquals(200, revokeRefresh.statusCode());
        assertEquals(401, client.callMcp("/mcp", refreshed.accessToken()).statusCode());
        assertEquals(List.of(), server.store.oauthGrants().list());
        assertEquals(List.of(), server.store.accounts().list(), "the person's key went with the grant");

        HttpResponse<String> unknown = client.postForm(
                "/oauth/revoke", Map.of("token", List.of("not-a-token"), "client_id", List.of(clientId)));
        assertEquals(200, unknown.statusCode(), "an unknown token is answered like a revoked one (RFC 7009)");
    }

    @Test
    void aGrantIsAnAccountAndAnMcpServerRecord_listedWithItsTools() throws Exception {
        String clientId = client.register(TestClient.REDIRECT);
        client.connect(clientId, FakeApi.GOOD_KEY, "read");
        List<StoredOAuthGrant> grants = server.store.oauthGrants().list();
        assertEquals(1, grants.size());
        StoredOAuthGrant grant = grants.get(0);
        assertEquals(clientId, grant.clientId());
        assertEquals(server.issuer() + "/mcp", grant.resource());
        assertTrue(grant.activatedAt().isPresent());
        var mcpServer = server.store.mcpServers().find(grant.mcpServerId()).orElseThrow();
        assertEquals(java.util.Optional.of(List.of("read")), mcpServer.config().methods());
        assertEquals(grant.accountId(), mcpServer.accountId());
        assertEquals(
                java.util.Optional.of(FakeApi.GOOD_KEY), server.store.accounts().apiKey(grant.accountId()));
        assertFalse(server.store
                .accounts()
                .find(grant.accountId())
                .orElseThrow()
                .name()
                .isBlank());
        List<String> names = new ArrayList<>();
        server.store.accounts().list().forEach(a -> names.add(a.name()));
        assertEquals(List.of("Test Client (OAuth)"), names);
    }
}

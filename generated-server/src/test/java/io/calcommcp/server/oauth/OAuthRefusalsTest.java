package io.calcommcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.calcommcp.server.prism.PrismExtension;
import io.calcommcp.server.prism.RecordingPrism;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code serve --oauth} refuses, through the real command line and assembly: each refusal
 * with its OAuth error, and nothing sent to the API after it (Prism on Cal.com's spec, behind a
 * recording proxy, hears only the key checks of the consent pages that came before).
 */
@ExtendWith(PrismExtension.class)
class OAuthRefusalsTest {

    private static final String KEY = "cal_live_refusals_key_0f1e2d3c4b5a";

    private final RecordingPrism upstream;

    @TempDir
    Path dataDir;

    private MutableClock clock;
    private OAuthServe server;
    private PersonAndClient client;

    OAuthRefusalsTest(RecordingPrism upstream) {
        this.upstream = upstream;
    }

    @BeforeEach
    void start() throws Exception {
        clock = MutableClock.startingNow();
        server = new OAuthServe(dataDir, upstream.baseUrl(), clock);
        client = new PersonAndClient(server.publicUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWrongPkceVerifierIsInvalidGrant() throws Exception {
        String code = client.code(new CodeVerifier(), KEY, "read");
        upstream.clear();
        assertOAuthError(client.exchange(code, new CodeVerifier()), 400, "invalid_grant");
        assertNothingSentUpstream();
    }

    @Test
    void aCodeUsedTwiceIsInvalidGrant_andEndsTheTokensItGave() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = client.code(verifier, KEY, "read");
        HttpResponse<String> first = client.exchange(code, verifier);
        assertEquals(200, first.statusCode(), first.body());
        String accessToken = PersonAndClient.json(first).get("access_token").asText();
        upstream.clear();
        assertOAuthError(client.exchange(code, verifier), 400, "invalid_grant");
        assertChallenge(client.listTools(accessToken), 401, "invalid_token");
        assertNothingSentUpstream();
    }

    @Test
    void aCodeAfter60SecondsIsInvalidGrant() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = client.code(verifier, KEY, "read");
        upstream.clear();
        clock.advance(Duration.ofSeconds(61));
        assertOAuthError(client.exchange(code, verifier), 400, "invalid_grant");
        assertNothingSentUpstream();
    }

    @Test
    void aRedirectUriNotRegisteredIsAnErrorPage_neverARedirect() throws Exception {
        upstream.clear();
        HttpResponse<String> answer =
                client.authorize(client.authorization("https://attacker.example/steal", new CodeVerifier()));
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Location").isEmpty(), "never sent to the unregistered URI");
        assertTrue(answer.body().contains("invalid_request"), answer.body());
        assertNothingSentUpstream();
    }

    @Test
    void anAuthorizationForAnotherResourceGoesBackWithInvalidTarget() throws Exception {
        upstream.clear();
        Map<String, String> request =
                new LinkedHashMap<>(client.authorization(PersonAndClient.REDIRECT, new CodeVerifier()));
        request.put("resource", "https://elsewhere.example/mcp");
        HttpResponse<String> answer = client.authorize(request);
        assertEquals(302, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(PersonAndClient.REDIRECT + "?"), location);
        assertTrue(location.contains("error=invalid_target"), location);
        assertNothingSentUpstream();
    }

    @Test
    void aTokenForAnotherResourceIsRefused_evenOnTheSameStore() throws Exception {
        // A second deployment on the same database, at another public URL: another resource.
        try (OAuthServe other = new OAuthServe(dataDir, upstream.baseUrl(), clock)) {
            String accessToken = client.connect(KEY, "read").get("access_token").asText();
            upstream.clear();
            PersonAndClient elsewhere = new PersonAndClient(other.publicUrl());
            assertChallenge(elsewhere.listTools(accessToken), 401, "invalid_token");
            assertEquals(200, client.listTools(accessToken).statusCode(), "still good where it was issued for");
        }
        assertNothingSentUpstream();
    }

    @Test
    void aTokenInTheQueryStringIsRefused_andEndsThatToken() throws Exception {
        String accessToken = client.connect(KEY, "read").get("access_token").asText();
        upstream.clear();
        assertChallenge(client.listTools("/mcp?access_token=" + accessToken, Map.of()), 400, "invalid_request");
        assertChallenge(client.listTools(accessToken), 401, "invalid_token");
        assertNothingSentUpstream();
    }

    @Test
    void aRotatedRefreshTokenReusedIsInvalidGrant_andEndsTheGrant() throws Exception {
        JsonNode first = client.connect(KEY, "read");
        HttpResponse<String> rotated = client.refresh(first.get("refresh_token").asText());
        assertEquals(200, rotated.statusCode(), rotated.body());
        JsonNode second = PersonAndClient.json(rotated);
        upstream.clear();
        assertOAuthError(client.refresh(first.get("refresh_token").asText()), 400, "invalid_grant");
        assertChallenge(client.listTools(second.get("access_token").asText()), 401, "invalid_token");
        assertOAuthError(client.refresh(second.get("refresh_token").asText()), 400, "invalid_grant");
        assertNothingSentUpstream();
    }

    @Test
    void aGrantRevokedThroughAnotherReplicaIsRefusedAtOnce() throws Exception {
        JsonNode tokens = client.connect(KEY, "read");
        String accessToken = tokens.get("access_token").asText();
        assertEquals(200, client.listTools(accessToken).statusCode(), "the token works before");
        try (OAuthServe replica = new OAuthServe(dataDir, upstream.baseUrl(), clock)) {
            JsonNode grants = admin(replica, "GET", "/oauth-grant");
            assertEquals(1, grants.size(), grants::toString);
            assertEquals(
                    server.resource().toString(), grants.get(0).get("resource").asText());
            upstream.clear();
            admin(replica, "DELETE", "/oauth-grant/" + grants.get(0).get("id").asText());
        }
        assertChallenge(client.listTools(accessToken), 401, "invalid_token");
        assertOAuthError(client.refresh(tokens.get("refresh_token").asText()), 400, "invalid_grant");
        assertEquals(0, admin(server, "GET", "/oauth-grant").size());
        assertNothingSentUpstream();
    }

    @Test
    void aClientMetadataDocumentOnAPrivateAddressIsRefused_andNotFetched() throws Exception {
        try (FakeHttpServer documents = new FakeHttpServer(request -> FakeHttpServer.Reply.json(200, "{}"))) {
            upstream.clear();
            for (String clientId : List.of(
                    "https://127.0.0.1:" + documents.baseUrl().getPort() + "/client.json",
                    "https://10.1.2.3/client.json",
                    "https://169.254.169.254/latest/meta-data")) {
                Map<String, String> request =
                        new LinkedHashMap<>(client.authorization(PersonAndClient.REDIRECT, new CodeVerifier()));
                request.put("client_id", clientId);
                HttpResponse<String> answer = client.authorize(request);
                assertEquals(400, answer.statusCode(), clientId + ": " + answer.body());
                assertTrue(answer.headers().firstValue("Location").isEmpty(), clientId);
                assertTrue(answer.body().contains("invalid_client"), answer.body());
            }
            assertEquals(List.of(), documents.requests(), "no document was fetched");
        }
        assertNothingSentUpstream();
    }

    private static JsonNode admin(OAuthServe on, String method, String path) throws Exception {
        HttpResponse<String> answer = on.admin(method, path, null);
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 204, answer.body());
        return answer.body().isEmpty() ? OAuthServe.JSON.nullNode() : PersonAndClient.json(answer);
    }

    private static void assertOAuthError(HttpResponse<String> answer, int status, String error) throws Exception {
        assertEquals(status, answer.statusCode(), answer.body());
        JsonNode body = PersonAndClient.json(answer);
        assertEquals(error, body.path("error").asText(), answer.body());
        assertTrue(body.hasNonNull("error_description"), answer.body());
    }

    /** A refusal of {@code /mcp}: its status, its OAuth error and the challenge naming it. */
    private static void assertChallenge(HttpResponse<String> answer, int status, String error) throws Exception {
        assertOAuthError(answer, status, error);
        String challenge = answer.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer "), challenge);
        assertTrue(challenge.contains("error=\"" + error + "\""), challenge);
        assertTrue(challenge.contains("resource_metadata="), challenge);
    }

    private void assertNothingSentUpstream() {
        List<RecordedRequest> sent = upstream.requests();
        assertEquals(
                List.of(), sent.stream().map(r -> r.method() + " " + r.path()).toList(), "sent upstream");
    }
}

package io.calcommcp.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.ScopedServer;
import io.calcommcp.server.testing.ScopedServer.AdminAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every admin endpoint, and every way a request to one can be wrong. */
class AdminApiTest {

    private static final String KEY = "tempo_live_admin_test_key";

    @TempDir
    Path dataDir;

    private MutableClock clock;
    private ScopedServer server;

    @BeforeEach
    void start() throws Exception {
        clock = MutableClock.startingNow();
        server = new ScopedServer(dataDir, URI.create("http://127.0.0.1:9"), clock, Optional.empty());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // --- authentication and routes ---------------------------------------------------------------

    @Test
    void everyRequestNeedsTheAdminToken() throws Exception {
        for (String token : new String[] {null, "wrong-token", ScopedServer.ADMIN_TOKEN + "x"}) {
            AdminAnswer answer = server.admin("GET", "/integrated-account", null, token);
            assertEquals(401, answer.status(), String.valueOf(token));
            assertEquals("unauthorized", answer.body().get("error").asText());
            assertEquals(
                    "Bearer realm=\"admin\"",
                    answer.response().headers().firstValue("WWW-Authenticate").orElse(""));
            assertTrue(answer.body().get("message").asText().contains("TEMPO_MCP_ADMIN_TOKEN"));
        }
        HttpResponse<String> basic = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.adminUrl().resolve("/api-token"))
                                .header("Authorization", "Basic " + ScopedServer.ADMIN_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode());
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() throws Exception {
        AdminAnswer unknown = server.admin("GET", "/accounts", null);
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.body().get("error").asText());
        assertEquals(405, server.admin("PUT", "/integrated-account", "{}").status());
        assertEquals(405, server.admin("POST", "/api-token/x", "{}").status());
    }

    // --- integrated accounts ----------------------------------------------------------------------

    @Test
    void accountsAreCreatedListedShownChangedAndDeleted() throws Exception {
        AdminAnswer created =
                server.admin("POST", "/integrated-account", "{\"name\":\"Acme\",\"api_key\":\"" + KEY + "\"}");
        assertEquals(201, created.status());
        JsonNode account = created.body();
        String id = account.get("id").asText();
        assertEquals(new TreeSet<>(List.of("id", "name", "base_url", "created_at", "updated_at")), fields(account));
        assertEquals("Acme", account.get("name").asText());
        assertTrue(account.get("base_url").isNull());
        assertFalse(created.response().body().contains(KEY), "the key is write-only");

        AdminAnswer list = server.admin("GET", "/integrated-account", null);
        assertEquals(200, list.status());
        assertEquals(1, list.body().size());
        assertEquals(id, list.body().get(0).get("id").asText());
        assertEquals(
                account, server.admin("GET", "/integrated-account/" + id, null).body());

        clock.advance(Duration.ofSeconds(5));
        AdminAnswer patched = server.admin(
                "PATCH",
                "/integrated-account/" + id,
                "{\"name\":\"Acme Corp\",\"base_url\":\"https://tempo.acme.example\",\"api_key\":\"tempo_live_new\"}");
        assertEquals(200, patched.status(), patched.body()::toString);
        assertEquals("Acme Corp", patched.body().get("name").asText());
        assertEquals(
                "https://tempo.acme.example", patched.body().get("base_url").asText());
        assertFalse(patched.body().get("updated_at").equals(account.get("updated_at")));
        assertEquals("tempo_live_new", server.store().accounts().apiKey(id).orElseThrow(), "the key was rotated");

        AdminAnswer cleared = server.admin("PATCH", "/integrated-account/" + id, "{\"base_url\":null}");
        assertTrue(cleared.body().get("base_url").isNull(), "null returns to the server's base URL");
        assertEquals("Acme Corp", cleared.body().get("name").asText(), "fields left out stay");

        assertEquals(
                204, server.admin("DELETE", "/integrated-account/" + id, null).status());
        assertEquals(404, server.admin("GET", "/integrated-account/" + id, null).status());
        assertEquals(
                404, server.admin("DELETE", "/integrated-account/" + id, null).status());
        assertEquals(
                404,
                server.admin("PATCH", "/integrated-account/" + id, "{\"name\":\"x\"}")
                        .status());
    }

    @Test
    void everyBadAccountFieldIsNamedAtOnce() throws Exception {
        assertInvalid(
                "POST",
                "/integrated-account",
                "{\"base_url\":\"ftp://files.example\",\"color\":\"red\"}",
                Map.of(
                        "name", "is required",
                        "api_key", "is required",
                        "base_url", "is not an http(s) URL",
                        "color", "is not a field here"));
        assertInvalid(
                "POST",
                "/integrated-account",
                "{\"name\":\" \",\"api_key\":\"cal live\\nInjected: yes\",\"base_url\":\"https://u:p@api.example\"}",
                Map.of(
                        "name", "must not be blank",
                        "api_key", "must not contain spaces, line breaks",
                        "base_url", "must have no user info"));
        assertInvalid(
                "POST",
                "/integrated-account",
                "{\"name\":\"" + "n".repeat(201) + "\",\"api_key\":5}",
                Map.of("name", "at most 200", "api_key", "must be a string"));
        assertInvalid("POST", "/integrated-account", "{\"name\":", Map.of("body", "is not JSON"));
        assertInvalid("POST", "/integrated-account", "[1]", Map.of("body", "must be a JSON object"));
        assertInvalid("POST", "/integrated-account", "", Map.of("body", "is empty"));

        String id = server.createAccount("Acme", KEY, URI.create("https://api.example"));
        assertInvalid(
                "PATCH",
                "/integrated-account/" + id,
                "{\"name\":null,\"api_key\":null,\"base_url\":\"not a url\"}",
                Map.of("name", "must not be null", "api_key", "must not be null", "base_url", "is not"));
        assertEquals(1, server.admin("GET", "/integrated-account", null).body().size(), "nothing half-written");
    }

    // --- MCP servers ------------------------------------------------------------------------------

    @Test
    void mcpServersAreCreatedWithAUrlListedShownChangedAndDeleted() throws Exception {
        String account = server.createAccount("Acme", KEY, URI.create("https://api.example"));
        String expiry = clock.instant().plus(Duration.ofHours(24)).toString();
        AdminAnswer created = server.admin(
                "POST",
                "/integrated-account/" + account + "/mcp",
                "{\"name\":\"read only\",\"config\":{\"methods\":[\"read\"],\"tags\":[\"bookings\",\"schedules\"],"
                        + "\"require_api_token_auth\":false,\"tool_exposure\":\"all\"},\"expires_at\":\"" + expiry
                        + "\"}");
        assertEquals(201, created.status(), created.body()::toString);
        JsonNode server1 = created.body();
        String id = server1.get("id").asText();
        assertEquals(account, server1.get("integrated_account_id").asText());
        assertEquals("[\"read\"]", server1.at("/config/methods").toString());
        assertEquals("[\"bookings\",\"schedules\"]", server1.at("/config/tags").toString());
        assertEquals(
                Instant.parse(expiry).truncatedTo(ChronoUnit.MILLIS).toString(),
                server1.get("expires_at").asText(),
                "stored, and so answered, to the millisecond");
        assertTrue(server1.get("last_used_at").isNull());
        String url = server1.get("url").asText();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/mcp/[A-Za-z0-9_-]{43}"), url);

        JsonNode defaults = server.createMcpServer(account, "{\"name\":\"everything\"}");
        assertTrue(
                defaults.at("/config/methods").isNull()
                        && defaults.at("/config/tags").isNull(),
                "null means all");
        assertEquals("all", defaults.at("/config/tool_exposure").asText());
        assertFalse(defaults.at("/config/require_api_token_auth").asBoolean());
        assertTrue(defaults.get("expires_at").isNull());

        AdminAnswer list = server.admin("GET", "/integrated-account/" + account + "/mcp", null);
        assertEquals(2, list.body().size());
        assertFalse(list.response().body().contains("/mcp/"), "the URL is shown once, at creation");
        AdminAnswer shown = server.admin("GET", "/integrated-account/" + account + "/mcp/" + id, null);
        assertFalse(shown.body().has("url"));

        AdminAnswer patched = server.admin(
                "PATCH",
                "/integrated-account/" + account + "/mcp/" + id,
                "{\"name\":\"renamed\",\"config\":{\"methods\":[\"list\"]},\"expires_at\":null}");
        assertEquals(200, patched.status(), patched.body()::toString);
        assertEquals("renamed", patched.body().get("name").asText());
        assertEquals("[\"list\"]", patched.body().at("/config/methods").toString());
        assertEquals(
                "[\"bookings\",\"schedules\"]",
                patched.body().at("/config/tags").toString(),
                "kept");
        assertTrue(patched.body().get("expires_at").isNull(), "null clears the expiry");
        AdminAnswer allMethods = server.admin(
                "PATCH", "/integrated-account/" + account + "/mcp/" + id, "{\"config\":{\"methods\":null}}");
        assertTrue(allMethods.body().at("/config/methods").isNull());

        String other = server.createAccount("Other", KEY, URI.create("https://api.example"));
        assertEquals(
                404,
                server.admin("GET", "/integrated-account/" + other + "/mcp/" + id, null)
                        .status(),
                "not its server");
        assertEquals(
                404, server.admin("GET", "/integrated-account/nope/mcp", null).status());
        assertEquals(
                404,
                server.admin("POST", "/integrated-account/nope/mcp", "{\"name\":\"x\"}")
                        .status());

        assertEquals(
                204,
                server.admin("DELETE", "/integrated-account/" + account + "/mcp/" + id, null)
                        .status());
        assertEquals(
                404,
                server.admin("GET", "/integrated-account/" + account + "/mcp/" + id, null)
                        .status());
    }

    @Test
    void everyBadMcpServerFieldIsNamedAtOnce() throws Exception {
        String account = server.createAccount("Acme", KEY, URI.create("https://api.example"));
        String path = "/integrated-account/" + account + "/mcp";
        assertInvalid(
                "POST",
                path,
                "{\"config\":{\"methods\":[\"read\",\"wrtie\"],\"tags\":[\"bookings\",\"nope\"],"
                        + "\"require_api_token_auth\":\"yes\",\"tool_exposure\":\"some\",\"scope\":1},"
                        + "\"expires_at\":\"tomorrow\",\"url\":\"x\"}",
                Map.of(
                        "name", "is required",
                        "config.methods", "unknown method wrtie",
                        "config.tags", "unknown tag nope",
                        "config.require_api_token_auth", "must be true or false",
                        "config.tool_exposure", "is not a tool exposure",
                        "config.scope", "is not a field here",
                        "expires_at", "is not an ISO 8601 date-time",
                        "url", "is not a field here"));
        assertInvalid(
                "POST",
                path,
                "{\"name\":\"x\",\"config\":{\"methods\":[\"delete\"],\"tags\":[\"me\"]}}",
                Map.of("config", "together match no tool"));
        assertInvalid(
                "POST",
                path,
                "{\"name\":\"x\",\"config\":{\"methods\":[],\"tags\":\"bookings\"}}",
                Map.of("config.methods", "is empty", "config.tags", "must be an array of strings"));
        assertInvalid(
                "POST",
                path,
                "{\"name\":\"x\",\"expires_at\":\"" + clock.instant().plus(Duration.ofSeconds(30)) + "\"}",
                Map.of("expires_at", "less than 60 seconds ahead"));
        assertInvalid(
                "POST",
                path,
                "{\"name\":\"x\",\"expires_at\":\"2026-12-31T10:00:00\"}",
                Map.of("expires_at", "with an offset"));
        assertInvalid("POST", path, "{\"name\":\"x\",\"config\":[]}", Map.of("config", "must be a JSON object"));
        JsonNode created = server.createMcpServer(account, "{\"name\":\"ok\"}");
        assertInvalid(
                "PATCH",
                path + "/" + created.get("id").asText(),
                "{\"name\":null,\"config\":{\"tags\":[\"nope\"]}}",
                Map.of("name", "must not be null", "config.tags", "unknown tag"));
        assertEquals(1, server.admin("GET", path, null).body().size(), "nothing half-written");
    }

    // --- API tokens -------------------------------------------------------------------------------

    @Test
    void apiTokensAreCreatedOnceListedWithoutTheTokenAndRevoked() throws Exception {
        AdminAnswer created = server.admin(
                "POST",
                "/api-token",
                "{\"name\":\"ci\",\"expires_at\":\"" + clock.instant().plus(Duration.ofDays(7)) + "\"}");
        assertEquals(201, created.status(), created.body()::toString);
        String token = created.body().get("token").asText();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        String id = created.body().get("id").asText();

        AdminAnswer list = server.admin("GET", "/api-token", null);
        assertEquals(1, list.body().size());
        assertFalse(list.response().body().contains(token), "listed without the token");
        assertEquals(
                new TreeSet<>(List.of("id", "name", "expires_at", "created_at")),
                fields(list.body().get(0)));
        assertEquals(
                "ci",
                server.admin("GET", "/api-token/" + id, null).body().get("name").asText());

        assertInvalid(
                "POST",
                "/api-token",
                "{\"expires_at\":\"2020-01-01T00:00:00Z\",\"scope\":\"all\"}",
                Map.of(
                        "name", "is required",
                        "expires_at", "less than 60 seconds ahead",
                        "scope", "is not a field here"));

        assertEquals(204, server.admin("DELETE", "/api-token/" + id, null).status());
        assertEquals(404, server.admin("DELETE", "/api-token/" + id, null).status());
        assertEquals(404, server.admin("GET", "/api-token/" + id, null).status());
        assertEquals(0, server.admin("GET", "/api-token", null).body().size());
    }

    /** Refused with 400 and exactly these fields, each message containing the expected words. */
    private void assertInvalid(String method, String path, String body, Map<String, String> expected) throws Exception {
        AdminAnswer answer = server.admin(method, path, body);
        assertEquals(400, answer.status(), () -> method + " " + path + " " + body + " -> " + answer.body());
        assertEquals("invalid_request", answer.body().get("error").asText());
        JsonNode fields = answer.body().get("fields");
        assertEquals(new TreeSet<>(expected.keySet()), fields(fields), fields::toString);
        expected.forEach((field, words) -> assertTrue(
                fields.get(field).asText().contains(words),
                () -> field + ": " + fields.get(field).asText()));
    }

    private static TreeSet<String> fields(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package io.calcommcp.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.ScopedServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store keeps on disk: everything survives a restart, expiries still hold after one, and
 * no file of the data directory (nor the log) holds an API key, a URL token or an API token in
 * clear text.
 */
class StoreAtRestTest {

    private static final String KEY = "tempo_live_at_rest_secret_key_98765";

    @TempDir
    Path dataDir;

    private FakeHttpServer upstream;
    private MutableClock clock;

    @BeforeEach
    void start() throws IOException {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
        clock = MutableClock.startingNow();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void accountsUrlsAndTokensSurviveARestartAndExpiriesStillHold() throws Exception {
        String longLived;
        String shortLived;
        String guarded;
        String apiToken;
        try (ScopedServer first = new ScopedServer(dataDir, upstream.baseUrl(), clock, Optional.empty())) {
            String account = first.createAccount("Acme", KEY, upstream.baseUrl());
            longLived = first.createMcpServer(
                            account,
                            "{\"name\":\"day\",\"expires_at\":\""
                                    + clock.instant().plus(Duration.ofDays(1)) + "\"}")
                    .get("url")
                    .asText();
            shortLived = first.createMcpServer(
                            account,
                            "{\"name\":\"minutes\",\"expires_at\":\""
                                    + clock.instant().plus(Duration.ofMinutes(5)) + "\"}")
                    .get("url")
                    .asText();
            guarded = first.createMcpServer(
                            account, "{\"name\":\"guarded\",\"config\":{\"require_api_token_auth\":true}}")
                    .get("url")
                    .asText();
            apiToken = first.admin("POST", "/api-token", "{\"name\":\"ci\"}")
                    .body()
                    .get("token")
                    .asText();
            assertEquals(200, status(shortLived, Optional.empty()));
        }

        clock.advance(Duration.ofMinutes(10));
        try (ScopedServer second = new ScopedServer(dataDir, upstream.baseUrl(), clock, Optional.empty())) {
            // The restarted server listens on another port; the URLs' tokens are what must still work.
            longLived = second.urlWithToken(longLived);
            shortLived = second.urlWithToken(shortLived);
            guarded = second.urlWithToken(guarded);
            assertEquals(200, status(longLived, Optional.empty()), "a URL works after the restart");
            assertEquals(404, status(shortLived, Optional.empty()), "its expiry passed while the server was down");
            assertEquals(401, status(guarded, Optional.empty()));
            assertEquals(200, status(guarded, Optional.of("Bearer " + apiToken)), "the API token survived too");
            McpSyncClient client = ScopedServer.client(longLived, Optional.empty());
            try {
                McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder("get_tempo_me")
                        .arguments(Map.of())
                        .build());
                assertFalse(Boolean.TRUE.equals(result.isError()));
            } finally {
                client.closeGracefully();
            }
            assertEquals("Bearer " + KEY, upstream.requests().get(0).header("authorization"), "the key decrypts");
            assertEquals(
                    1, second.admin("GET", "/integrated-account", null).body().size());
        }
    }

    @Test
    void noSecretIsStoredOrLoggedInClearText() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(KEY));
        String log;
        try (ScopedServer server = new ScopedServer(dataDir, upstream.baseUrl(), clock, Optional.empty())) {
            String account = server.createAccount("Acme sales account", KEY, upstream.baseUrl());
            JsonNode created = server.createMcpServer(
                    account, "{\"name\":\"guarded\",\"config\":{\"require_api_token_auth\":true}}");
            String url = created.get("url").asText();
            secrets.add(url.substring(url.lastIndexOf('/') + 1));
            String apiToken = server.admin("POST", "/api-token", "{\"name\":\"ci\"}")
                    .body()
                    .get("token")
                    .asText();
            secrets.add(apiToken);
            String rotated = "tempo_live_rotated_secret_key_13579";
            server.admin("PATCH", "/integrated-account/" + account, "{\"api_key\":\"" + rotated + "\"}");
            secrets.add(rotated);
            McpSyncClient client = ScopedServer.client(url, Optional.of("Bearer " + apiToken));
            try {
                client.callTool(McpSchema.CallToolRequest.builder("get_tempo_me")
                        .arguments(Map.of())
                        .build());
            } finally {
                client.closeGracefully();
            }
            log = server.log();
        }

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".mv.db")), files::toString);
        StringBuilder everything = new StringBuilder(log);
        for (Path file : files) {
            if (!file.getFileName().toString().equals("encryption.key")) {
                everything.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        // The scan can see plain text: the account's name is stored as it is.
        assertTrue(everything.toString().contains("Acme sales account"), "the database file is readable as bytes");
        for (String secret : secrets) {
            assertFalse(everything.toString().contains(secret), "a secret is in a data file or the log");
        }
        Path keyFile = dataDir.resolve("encryption.key");
        assertEquals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(keyFile),
                "the generated key file is owner-only");
    }

    private static int status(String url, Optional<String> authorization) throws Exception {
        return ScopedServer.post(url, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", authorization)
                .statusCode();
    }
}

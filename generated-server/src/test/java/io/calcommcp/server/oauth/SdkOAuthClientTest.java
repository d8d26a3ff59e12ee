package io.calcommcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.prism.NodeTools;
import io.calcommcp.server.prism.PrismExtension;
import io.calcommcp.server.prism.RecordingPrism;
import io.calcommcp.server.store.StoreLocation;
import io.calcommcp.server.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --oauth} with a real client: the official MCP TypeScript SDK (1.32.2, from the npm
 * lockfile) runs its {@code auth()} flow with an {@code OAuthClientProvider} (discovery of both
 * metadata documents, dynamic registration, the authorization URL, whose consent form the script
 * fills in over HTTP, the code exchange with PKCE), then lists the tools and calls one with its
 * access token. The fake Cal.com is Prism on Cal.com's spec behind a recording proxy, so the test
 * sees which key reached it.
 */
@ExtendWith(PrismExtension.class)
class SdkOAuthClientTest {

    private static final String PERSONS_KEY = "cal_live_persons_own_key_5a7c9e1b3d";

    private final RecordingPrism upstream;

    @TempDir
    Path dataDir;

    SdkOAuthClientTest(RecordingPrism upstream) {
        this.upstream = upstream;
    }

    @Test
    void theSdkConnectsWithAReadOnlyGrant_seesNoWriteTool_andThePersonsKeyReachesTheApi() throws Exception {
        JsonNode run;
        try (OAuthServe server = new OAuthServe(dataDir, upstream.baseUrl(), Clock.systemUTC())) {
            run = sdkClient(server, "read", "get_calcom_me");
        }
        assertTrue(
                run.get("authorization_url").asText().startsWith("http://127.0.0.1:"),
                "the SDK found the authorization endpoint in the metadata: " + run);
        List<JsonNode> tools =
                StreamSupport.stream(run.get("tools").spliterator(), false).toList();
        Set<String> names = tools.stream().map(t -> t.get("name").asText()).collect(Collectors.toSet());
        assertTrue(tools.size() > 20, "read tools listed: " + names);
        assertTrue(tools.stream().allMatch(t -> t.get("read_only").asBoolean()), "only read tools: " + names);
        assertFalse(names.contains("create_a_calcom_booking"), names::toString);
        assertTrue(names.containsAll(List.of("list_all_calcom_bookings", "search", "fetch")), names::toString);

        JsonNode call = run.get("call");
        assertFalse(call.path("isError").asBoolean(false), call::toString);
        assertTrue(call.get("content").get(0).get("text").asText().contains("\"data\""), call::toString);

        List<RecordedRequest> sent = upstream.requests();
        assertEquals(2, sent.size(), "the key check on the consent page, then the call: " + paths(sent));
        for (RecordedRequest request : sent) {
            assertEquals("/v2/me", request.path());
            assertEquals("Bearer " + PERSONS_KEY, request.header("authorization"), "the person's own key");
            assertTrue(request.responseStatus() < 300, request::responseBody);
        }
    }

    @Test
    void noKeyOrTokenIsInTheStoreOrTheLogInClearText() throws Exception {
        JsonNode run;
        String log;
        try (OAuthServe server = new OAuthServe(dataDir, upstream.baseUrl(), Clock.systemUTC())) {
            run = sdkClient(server, "read_write", "get_calcom_me");
            log = server.log();
        }
        Set<String> names = StreamSupport.stream(run.get("tools").spliterator(), false)
                .map(t -> t.get("name").asText())
                .collect(Collectors.toSet());
        assertTrue(names.contains("create_a_calcom_booking"), "read and write: " + names);
        List<String> secrets = List.of(
                PERSONS_KEY,
                run.get("tokens").get("access_token").asText(),
                run.get("tokens").get("refresh_token").asText());
        assertTrue(log.contains("tool_call"), "the log was captured: " + log);

        StringBuilder files = new StringBuilder();
        List<Path> stored;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            stored = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(stored.stream().anyMatch(f -> f.toString().endsWith(".mv.db")), stored::toString);
        for (Path file : stored) {
            if (!file.getFileName().toString().equals("encryption.key")) {
                files.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        String tables = everyValueOfEveryTable();
        // The scans can see plain text: the client's name is stored as it is.
        assertTrue(files.toString().contains("MCP TypeScript SDK test client"), "the H2 file is readable as bytes");
        assertTrue(tables.contains("MCP TypeScript SDK test client"), "the tables were read");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a key or token is in the log");
            assertFalse(files.toString().contains(secret), "a key or token is in a store file");
            assertFalse(tables.contains(secret), "a key or token is in a table");
        }
    }

    /** Every value of every table of the store, as text, one after the other. */
    private String everyValueOfEveryTable() throws Exception {
        StringBuilder values = new StringBuilder();
        try (Connection db = DriverManager.getConnection(
                        StoreLocation.embedded(dataDir).jdbcUrl());
                Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertTrue(tables.size() > 3, tables::toString);
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            values.append(rows.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return values.toString();
    }

    /** Runs the SDK's client script against {@code server}; its JSON report. */
    private static JsonNode sdkClient(OAuthServe server, String access, String tool) throws Exception {
        Path script = NodeTools.repoRoot().resolve("generated-server/src/test/node/oauth-client.mjs");
        Process process = new ProcessBuilder(
                        NodeTools.node().toString(),
                        script.toString(),
                        server.resource().toString(),
                        PERSONS_KEY,
                        access,
                        tool)
                .redirectErrorStream(false)
                .start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the SDK client did not finish in 120 s");
        assertEquals(
                0,
                process.exitValue(),
                () -> "the SDK client failed:\n" + out + err + "\nserver log:\n" + server.log());
        return OAuthServe.JSON.readTree(out);
    }

    private static List<String> paths(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.method() + " " + r.path()).toList();
    }
}

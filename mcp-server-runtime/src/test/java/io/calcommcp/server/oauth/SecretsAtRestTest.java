package io.calcommcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.oauth.testing.FakeApi;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import io.calcommcp.server.store.StoreLocation;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a whole flow (consent, code, refresh, a call, a reuse), neither the store's tables nor the
 * log hold the person's key, a code, an access token or a refresh token in clear text.
 */
class SecretsAtRestTest {

    @TempDir
    Path dataDir;

    @Test
    void noKeyCodeOrTokenIsInTheStoreOrTheLogInClearText() throws Exception {
        List<String> secrets = new ArrayList<>();
        secrets.add(FakeApi.GOOD_KEY);
        try (OAuthServer server = new OAuthServer(dataDir)) {
            TestClient client = new TestClient(server);
            String clientId = client.register(TestClient.REDIRECT);
            TestClient.Pkce pkce = TestClient.Pkce.random();
            String code = client.code(clientId, TestClient.REDIRECT, pkce, FakeApi.GOOD_KEY, "read_write");
            secrets.add(code);
            secrets.add(pkce.verifier());
            TestClient.Tokens first =
                    TestClient.tokens(client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT));
            TestClient.Tokens second = TestClient.tokens(client.refresh(clientId, first.refreshToken()));
            assertEquals(200, client.callMcp("/mcp", second.accessToken()).statusCode());
            client.get("/mcp?access_token=" + second.accessToken());
            secrets.addAll(
                    List.of(first.accessToken(), first.refreshToken(), second.accessToken(), second.refreshToken()));
            // A second grant, still live when the tables are read.
            TestClient.Tokens live = client.connect(clientId, FakeApi.OTHER_GOOD_KEY, "read");
            secrets.addAll(List.of(FakeApi.OTHER_GOOD_KEY, live.accessToken(), live.refreshToken()));
            HttpResponse<String> reuse = client.refresh(clientId, first.refreshToken());
            assertEquals(400, reuse.statusCode());

            String tables = everyValueInTheStore(StoreLocation.embedded(dataDir).jdbcUrl());
            assertTrue(tables.contains(clientId), "the scan reads the tables (it finds the client id)");
            assertTrue(tables.contains("oauth_consent_form") || tables.contains("secret_"), "and the metadata");
            String log = server.log();
            assertTrue(log.contains("oauth_tokens_issued"), "the scan reads the log: " + log);
            for (String secret : secrets) {
                assertFalse(tables.contains(secret), "a secret in clear text in the store");
                assertFalse(log.contains(secret), "a secret in clear text in the log");
            }
        }
    }

    /** Every value of every table of the H2 database, as text. */
    private static String everyValueInTheStore(String jdbcUrl) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertTrue(tables.size() >= 8, "tables: " + tables);
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rows.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return all.toString();
    }
}

package io.calcommcp.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.cli.InProcessCli.Run;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command of the command line, run in-process on a store in a temporary directory. */
class CliTest {

    private static final ToolSet TOOLS = InProcessCli.TOOLS;
    private static final String KEY = "tempo_live_cli_secret_key";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final InProcessCli cli = new InProcessCli(clock);
    private final Map<String, String> env = cli.env;
    private final List<String> launched = cli.launched;

    @BeforeEach
    void storeInTheTemporaryDirectory() {
        env.put("TEMPO_MCP_DATA_DIR", dir.resolve("data").toString());
    }

    private Run runWithInput(String stdin, String... args) {
        return cli.runWithInput(stdin, args);
    }

    private Run run(String... args) {
        return cli.run(args);
    }

    private String createAccount(String name) throws Exception {
        Run created = runWithInput(KEY + "\n", "accounts", "create", "--name", name, "--json");
        assertEquals(0, created.exitCode(), created.err());
        return created.json().get("id").asText();
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {
            {"--help"},
            {"serve", "--help"},
            {"stdio", "--help"},
            {"tools", "--help"},
            {"accounts", "--help"},
            {"accounts", "create", "--help"},
            {"accounts", "list", "--help"},
            {"accounts", "show", "--help"},
            {"accounts", "update", "--help"},
            {"accounts", "delete", "--help"},
            {"mcp-servers", "--help"},
            {"mcp-servers", "create", "--help"},
            {"mcp-servers", "list", "--help"},
            {"mcp-servers", "show", "--help"},
            {"mcp-servers", "update", "--help"},
            {"mcp-servers", "delete", "--help"},
            {"api-tokens", "--help"},
            {"api-tokens", "create", "--help"},
            {"api-tokens", "list", "--help"},
            {"api-tokens", "revoke", "--help"}
        }) {
            Run help = run(command);
            assertEquals(0, help.exitCode(), String.join(" ", command));
            assertTrue(help.out().startsWith("Usage: java -jar server.jar"), help.out());
            assertFalse(help.out().contains("${"), "every variable in the help is filled in: " + help.out());
        }
        assertTrue(run("serve", "--help").out().contains("TEMPO_MCP_DATA_DIR"));
        assertTrue(run("--help").out().contains("mcp-servers"));
        assertEquals("Tempo MCP server 1.2.3\n", run("--version").out());
        assertEquals(
                "Tempo MCP server 1.2.3\n",
                run("accounts", "create", "--version").out());
    }

    @Test
    void noCommandAndUnknownOnesAreUsageErrors() {
        Run none = run();
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("Usage:"), none.err());
        Run unknown = run("frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(
                unknown.err().contains("Unknown command: 'frobnicate'; the commands are serve, stdio,"), unknown.err());
        assertFalse(unknown.err().contains("warm-up"), "the build's own command is not offered: " + unknown.err());
        Run badOption = run("accounts", "list", "--colour");
        assertEquals(2, badOption.exitCode());
        assertTrue(badOption.err().contains("Unknown option: '--colour'"), badOption.err());
        assertTrue(badOption.err().contains("Run 'java -jar server.jar accounts list --help'"), badOption.err());
    }

    @Test
    void serveAndStdioStartWithTheirSettings() {
        env.put("TEMPO_API_KEY", KEY);
        assertEquals(0, run("serve", "--port", "9999").exitCode());
        assertEquals(0, run("stdio", "--upstream", "https://tempo.example.com").exitCode());
        assertTrue(launched.get(0).startsWith("serve 9999 jdbc:h2:file:"), launched.get(0));
        assertEquals("stdio https://tempo.example.com", launched.get(1));
        env.remove("TEMPO_API_KEY");
        Run noKey = run("stdio");
        assertEquals(2, noKey.exitCode());
        assertTrue(noKey.err().contains("TEMPO_API_KEY is not set"), noKey.err());
        env.put("TEMPO_MCP_ADMIN_TOKEN", "short");
        Run weakToken = run("serve");
        assertEquals(2, weakToken.exitCode());
        assertTrue(weakToken.err().contains("at least 16"), weakToken.err());
    }

    @Test
    void toolsAreListedAsATableOrJson() throws Exception {
        Run table = run("tools");
        assertEquals(0, table.exitCode());
        assertTrue(table.out().contains("list_all_tempo_bookings"), table.out());
        assertTrue(table.out().endsWith(TOOLS.tools().size() + " tools\n"), table.out());
        assertEquals(TOOLS.tools().size(), run("tools", "--json").json().size());
    }

    @Test
    void accountsCommandsCreateListShowUpdateAndDelete() throws Exception {
        Run created = runWithInput(KEY + "\n", "accounts", "create", "--name", "Acme");
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(created.out().startsWith("Created integrated account "), created.out());
        assertTrue(created.err().contains("Created the encryption key file"), "the new key file is announced once");
        assertFalse(created.out().contains(KEY) || created.err().contains(KEY));

        env.put("TEMPO_API_KEY", "tempo_live_from_env");
        String second = run(
                        "accounts", "create", "--name", "Beta", "--base-url", "https://tempo.beta.example", "--json")
                .json()
                .get("id")
                .asText();
        env.remove("TEMPO_API_KEY");
        Run list = run("accounts", "list");
        assertTrue(
                list.out().contains("Acme")
                        && list.out().contains("Beta")
                        && list.out().contains("2 entries"),
                list.out());
        assertFalse(
                runWithInput(KEY + "\n", "accounts", "create", "--name", "x")
                        .err()
                        .contains("encryption key file"),
                "only once");
        assertEquals(3, run("accounts", "list", "--json").json().size());

        Run shown = run("accounts", "show", second);
        assertTrue(shown.out().contains("https://tempo.beta.example"), shown.out());
        assertEquals(
                "Beta",
                run("accounts", "show", second, "--json").json().get("name").asText());

        Run renamed = run("accounts", "update", second, "--name", "Beta Corp", "--default-base-url", "--json");
        assertEquals(0, renamed.exitCode(), renamed.err());
        assertEquals("Beta Corp", renamed.json().get("name").asText());
        assertTrue(renamed.json().get("base_url").isNull());
        Run rotated = runWithInput("tempo_live_rotated\n", "accounts", "update", second, "--rotate-key");
        assertEquals(0, rotated.exitCode(), rotated.err());
        assertTrue(rotated.out().contains("its key was replaced"), rotated.out());
        assertEquals(
                2,
                run("accounts", "update", second, "--base-url", "https://x.example", "--default-base-url")
                        .exitCode());

        Run deleted = run("accounts", "delete", second);
        assertEquals(0, deleted.exitCode());
        Run gone = run("accounts", "show", second);
        assertEquals(1, gone.exitCode());
        assertTrue(gone.err().contains("There is no integrated account " + second), gone.err());
    }

    @Test
    void anAccountNeedsAKeyAndValidFields() {
        Run noKey = runWithInput("", "accounts", "create", "--name", "Acme");
        assertEquals(2, noKey.exitCode());
        assertTrue(noKey.err().contains("No API key: set TEMPO_API_KEY or pipe the key"), noKey.err());
        Run invalid = runWithInput(KEY + "\n", "accounts", "create", "--name", " ", "--base-url", "ftp://x");
        assertEquals(2, invalid.exitCode());
        assertTrue(invalid.err().contains("name: must not be blank"), invalid.err());
        assertTrue(invalid.err().contains("base_url: 'ftp://x' is not an http(s) URL"), invalid.err());
        Run missingName = runWithInput(KEY + "\n", "accounts", "create");
        assertEquals(2, missingName.exitCode());
        assertTrue(missingName.err().contains("Missing required option: '--name=NAME'"), missingName.err());
    }

    @Test
    void mcpServersCommandsMintAUrlOnceAndManageIt() throws Exception {
        String account = createAccount("Acme");
        Run created = run(
                "mcp-servers",
                "create",
                "--account",
                account,
                "--name",
                "read only",
                "--methods",
                "read",
                "--tags",
                "bookings,schedules",
                "--expires-in",
                "24h",
                "--public-url",
                "https://mcp.example.com");
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(
                created.out().matches("(?s).*\n  https://mcp\\.example\\.com/mcp/[A-Za-z0-9_-]{43}\n"), created.out());

        Run json = run(
                "mcp-servers", "create", "--account", account, "--name", "guarded", "--require-api-token", "--json");
        assertEquals(0, json.exitCode(), json.err());
        String id = json.json().get("id").asText();
        assertTrue(json.json().at("/config/require_api_token_auth").asBoolean());
        assertTrue(json.json().get("url").asText().startsWith("http://127.0.0.1:8080/mcp/"), "the listen address");

        Run list = run("mcp-servers", "list", "--account", account);
        assertTrue(list.out().contains("read only") && list.out().contains("bookings,schedules"), list.out());
        assertTrue(
                list.out().contains(clock.instant().plus(Duration.ofHours(24)).toString()),
                "expiry shown: " + list.out());
        assertFalse(list.out().contains("/mcp/"), "the URL is never shown again");
        assertEquals(
                2,
                run("mcp-servers", "list", "--account", account, "--json")
                        .json()
                        .size());

        assertTrue(run("mcp-servers", "show", id).out().contains("API token:         required"));
        Run updated = run(
                "mcp-servers",
                "update",
                id,
                "--no-require-api-token",
                "--methods",
                "list",
                "--expires-in",
                "2h",
                "--json");
        assertEquals(0, updated.exitCode(), updated.err());
        assertFalse(updated.json().at("/config/require_api_token_auth").asBoolean());
        assertEquals("[\"list\"]", updated.json().at("/config/methods").toString());
        Run cleared = run("mcp-servers", "update", id, "--all-methods", "--no-expiry", "--json");
        assertTrue(cleared.json().at("/config/methods").isNull()
                && cleared.json().get("expires_at").isNull());
        assertEquals(
                2,
                run("mcp-servers", "update", id, "--no-expiry", "--expires-in", "1h")
                        .exitCode());

        Run wrongAccount = run("mcp-servers", "show", id, "--account", createAccount("Other"));
        assertEquals(1, wrongAccount.exitCode());
        assertEquals(0, run("mcp-servers", "delete", id).exitCode());
        assertEquals(1, run("mcp-servers", "show", id).exitCode());
    }

    @Test
    void badMcpServerFiltersAndExpiriesAreRefusedWithEveryField() throws Exception {
        String account = createAccount("Acme");
        Run invalid = run(
                "mcp-servers",
                "create",
                "--account",
                account,
                "--name",
                "x",
                "--methods",
                "wrtie",
                "--tags",
                "nope",
                "--tool-exposure",
                "some",
                "--expires-at",
                "2026-12-01T12:00:30Z");
        assertEquals(2, invalid.exitCode());
        for (String field : List.of("config.methods", "config.tags", "config.tool_exposure", "expires_at")) {
            assertTrue(invalid.err().contains(field + ": "), field + " in " + invalid.err());
        }
        Run badDuration = run("mcp-servers", "create", "--account", account, "--name", "x", "--expires-in", "soon");
        assertEquals(2, badDuration.exitCode());
        assertTrue(badDuration.err().contains("--expires-in: 'soon' is not a duration"), badDuration.err());
        assertEquals(
                1,
                run("mcp-servers", "create", "--account", "nope", "--name", "x").exitCode());
        assertEquals(
                0,
                run("mcp-servers", "list", "--account", account, "--json")
                        .json()
                        .size(),
                "nothing was written");
    }

    @Test
    void apiTokensCommandsCreateOnceListAndRevoke() throws Exception {
        Run created = run("api-tokens", "create", "--name", "ci", "--expires-in", "7d", "--json");
        assertEquals(0, created.exitCode(), created.err());
        String token = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        Run text = run("api-tokens", "create", "--name", "other");
        assertTrue(text.out().contains("The token, shown only now:"), text.out());

        Run list = run("api-tokens", "list");
        assertTrue(list.out().contains("ci") && list.out().contains("2 entries"), list.out());
        assertFalse(list.out().contains(token));
        assertEquals(2, run("api-tokens", "list", "--json").json().size());

        assertEquals(0, run("api-tokens", "revoke", id).exitCode());
        Run again = run("api-tokens", "revoke", id);
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("There is no API token " + id), again.err());
        assertEquals(2, run("api-tokens", "create").exitCode(), "the name is required");
    }

    @Test
    void aStoreOpenedWithAnotherKeyRefusesWithoutAStackTrace() throws Exception {
        createAccount("Acme");
        Path otherKey = Files.writeString(dir.resolve("other.key"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        Run wrong = run("accounts", "list", "--encryption-key-file", otherKey.toString());
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.err().contains("The encryption key does not match the one the store"), wrong.err());
        assertFalse(wrong.err().contains("\tat "), "no stack trace");

        env.put("TEMPO_MCP_ENCRYPTION_KEY", "not base64!");
        Run bad = run("accounts", "list");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("TEMPO_MCP_ENCRYPTION_KEY is not base64"), bad.err());
        env.remove("TEMPO_MCP_ENCRYPTION_KEY");

        Files.delete(dir.resolve("data/encryption.key"));
        Run lost = run("accounts", "list");
        assertEquals(1, lost.exitCode());
        assertTrue(lost.err().contains("was created with an encryption key"), lost.err());
    }
}

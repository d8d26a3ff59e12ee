package io.calcommcp.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.cli.InProcessCli.Run;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.toolapi.ToolExposure;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a command line is read, whatever command it names: both spellings of a value, repeated and
 * comma-separated options, switches, {@code --}; and how one that does not fit is refused: what was
 * wrong, the near miss it probably meant, the command's help, exit code 2.
 */
class CommandLineTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(new MutableClock(Instant.parse("2026-12-01T12:00:00Z")));

    @BeforeEach
    void keyAndStoreInTheTemporaryDirectory() {
        cli.env.put("TEMPO_API_KEY", "tempo_test");
        cli.env.put("TEMPO_MCP_DATA_DIR", dir.resolve("data").toString());
    }

    private ServerConfig serve(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "serve";
        System.arraycopy(args, 0, line, 1, args.length);
        Run run = cli.run(line);
        assertEquals(0, run.exitCode(), run.err());
        return cli.started.get(cli.started.size() - 1);
    }

    /** The error line of a refused command line. */
    private String error(String... args) {
        Run run = cli.run(args);
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals("", run.out(), "a usage error prints nothing on stdout");
        String err = run.err().strip();
        assertTrue(err.startsWith("Error: "), err);
        return err.substring("Error: ".length());
    }

    @Test
    void valuesAreTypedInEitherSpellingAndRepeatableOnesAreKeptInOrder() {
        ServerConfig config = serve(
                "--port",
                "80",
                "--allowed-host=a",
                "--allowed-host",
                "b=c",
                "--read-timeout=2.5",
                "--tool-exposure",
                "DISCOVERY",
                "--upstream",
                "https://tempo.example.com/v2");
        assertEquals(80, config.port());
        assertEquals(List.of("a", "b=c"), config.allowedHosts());
        assertEquals(Duration.ofMillis(2500), config.readTimeout());
        assertEquals(ToolExposure.DISCOVERY, config.toolExposure());
        assertEquals(URI.create("https://tempo.example.com/v2"), config.upstream());
    }

    @Test
    void aFlagWinsOverItsVariableAndTheVariableOverTheDefault() {
        assertEquals(ServerConfig.DEFAULT_PORT, serve().port());
        cli.env.put("TEMPO_MCP_PORT", "9000");
        cli.env.put("TEMPO_MCP_ALLOWED_HOSTS", "x.example, y.example,");
        ServerConfig fromVariables = serve();
        assertEquals(9000, fromVariables.port());
        assertEquals(List.of("x.example", "y.example"), fromVariables.allowedHosts());
        ServerConfig fromFlags = serve("--port", "9001", "--allowed-host", "z.example");
        assertEquals(9001, fromFlags.port());
        assertEquals(List.of("z.example"), fromFlags.allowedHosts(), "the flag replaces the variable's list");
        cli.env.put("TEMPO_MCP_PORT", "eighty");
        assertEquals(
                "--port / TEMPO_MCP_PORT: 'eighty' is not a port number (0-65535; 0 picks a free port)",
                error("serve"),
                "a variable is read by the flag's converter");
    }

    @Test
    void aRefusedValueNamesTheFlagItsVariableAndAGoodValue() {
        assertEquals(
                "--port / TEMPO_MCP_PORT: '-5' is not a port number (0-65535; 0 picks a free port)",
                error("serve", "--port", "-5"),
                "a value may start with a dash");
        assertEquals(
                "--port / TEMPO_MCP_PORT: '' is not a port number (0-65535; 0 picks a free port)",
                error("serve", "--port="),
                "an empty value is a value; its converter judges it");
        assertEquals(
                "--tool-exposure / TEMPO_MCP_TOOL_EXPOSURE: 'some' is neither all nor discovery.",
                error("stdio", "--tool-exposure", "some"));
        assertEquals(
                "--expires-in: 'soon' is not a duration; write a number and a unit, e.g. 90m, 24h or 7d",
                error("api-tokens", "create", "--name", "ci", "--expires-in", "soon"));
    }

    @Test
    void helpAndVersionWorkOnEveryCommandWhereverTheyAre() {
        Run help = cli.run("mcp-servers", "create", "-h");
        assertEquals(0, help.exitCode());
        assertTrue(
                help.out().startsWith("Usage: java -jar server.jar mcp-servers create [-hV] --account=ID"), help.out());
        Run late = cli.run("serve", "--port", "1", "--help");
        assertEquals(0, late.exitCode());
        assertTrue(late.out().startsWith("Usage: java -jar server.jar serve"), late.out());
        assertTrue(cli.launched.isEmpty(), "help starts nothing");
        Run required = cli.run("accounts", "create", "--help");
        assertEquals(0, required.exitCode(), "help needs no required option: " + required.err());
        for (String[] line : new String[][] {{"-V"}, {"tools", "--version"}, {"api-tokens", "revoke", "-V"}}) {
            Run version = cli.run(line);
            assertEquals(0, version.exitCode());
            assertEquals("Tempo MCP server 1.2.3\n", version.out());
        }
        Run hidden = cli.run("warm-up");
        assertEquals(0, hidden.exitCode(), "the build's hidden command still runs: " + hidden.err());
        assertEquals(List.of("warm-up"), cli.launched);
    }

    @Test
    void aLineThatDoesNotFitSaysWhatIsWrongWhatWasMeantAndWhereTheHelpIs() {
        String hint = " Run 'java -jar server.jar serve --help' for the options.";
        assertEquals("Unknown option: '--prot'. Did you mean '--port'?" + hint, error("serve", "--prot", "80"));
        assertEquals("Unknown option: '--colour'." + hint, error("serve", "--colour"), "nothing close: no guess");
        assertEquals("Unknown option: '--potr=1'. Did you mean '--port'?" + hint, error("serve", "--potr=1"));
        assertEquals("Option '--port' is given twice." + hint, error("serve", "--port", "1", "--port=2"));
        assertEquals("Missing required parameter for option '--port' (N)." + hint, error("serve", "--port"));
        assertEquals(
                "Expected parameter for option '--port' but found '--allowed-host'." + hint,
                error("serve", "--port", "--allowed-host", "a"));
        assertEquals(
                "Unknown command: 'serv'; the commands are serve, stdio, tools, accounts, mcp-servers, api-tokens,"
                        + " oauth-grants, completion. Did you mean 'serve'? Run 'java -jar server.jar --help' for the options.",
                error("serv"));
        assertTrue(error("frobnicate").startsWith("Unknown command: 'frobnicate'; the commands are serve,"));
        assertEquals(
                "Missing command: create, list, show, update, delete."
                        + " Run 'java -jar server.jar accounts --help' for the options.",
                error("accounts"));
        assertEquals(
                "Missing required parameter: 'ID'. Run 'java -jar server.jar accounts show --help' for the options.",
                error("accounts", "show"));
        assertEquals(
                "Unexpected argument: 'y'. Run 'java -jar server.jar accounts show --help' for the options.",
                error("accounts", "show", "x", "y"));
        assertEquals(
                "Missing required option: '--name=NAME'."
                        + " Run 'java -jar server.jar api-tokens create --help' for the options.",
                error("api-tokens", "create"));
        assertTrue(error("tools", "--json=yes").startsWith("Option '--json' should be specified without 'yes'"));
        assertEquals(
                "Option '--require-api-token' is given twice."
                        + " Run 'java -jar server.jar mcp-servers update --help' for the options.",
                error("mcp-servers", "update", "x", "--require-api-token", "--no-require-api-token"));
    }

    @Test
    void switchesListsAndTheEndOfOptions() throws Exception {
        String account = cli.runWithInput("tempo_live_x\n", "accounts", "create", "--name", "Acme", "--json")
                .json()
                .get("id")
                .asText();
        Run created = cli.run(
                "mcp-servers",
                "create",
                "--account",
                account,
                "--name=guarded",
                "--tags",
                "bookings,schedules",
                "--tags=teams",
                "--no-require-api-token",
                "--max-calls-per-minute",
                "NONE",
                "--json");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(
                "[\"bookings\",\"schedules\",\"teams\"]",
                created.json().at("/config/tags").toString());
        assertFalse(created.json().at("/config/require_api_token_auth").asBoolean());
        assertTrue(created.json().at("/config/max_calls_per_minute").isNull(), created.out());
        Run dashed = cli.run("accounts", "show", "--", "--json");
        assertEquals(1, dashed.exitCode(), "after --, '--json' is the id: " + dashed.err());
        assertTrue(dashed.err().contains("There is no integrated account --json"), dashed.err());
    }

    @Test
    void theMethodsHelpNamesEachVerbOnceUnderItsAccess() {
        String help = cli.run("mcp-servers", "create", "--help").out();
        Matcher methods = Pattern.compile("--methods=\\S+\\s+(.*?)\\n\\s+--tags", Pattern.DOTALL)
                .matcher(help);
        assertTrue(methods.find(), help);
        String text = methods.group(1).replaceAll("\\s+", " ");
        List<String> verbs = InProcessCli.TOOLS.tools().stream()
                .map(tool -> tool.definition().verb())
                .distinct()
                .toList();
        assertTrue(verbs.size() > 5, "verbs: " + verbs);
        for (String verb : verbs) {
            assertEquals(
                    1,
                    Pattern.compile("\\b" + verb + "\\b")
                            .matcher(text)
                            .results()
                            .count(),
                    verb + " once in: " + text);
        }
        assertTrue(text.contains("read: every tool that only reads (check, get, list)"), text);
        assertTrue(text.contains("connect: tools that read and tools that write"), text);
    }

    @Test
    void aUrlMintedWithoutAPublicUrlSaysHowItWasSpelled() throws Exception {
        String account = cli.runWithInput("tempo_live_x\n", "accounts", "create", "--name", "Acme", "--json")
                .json()
                .get("id")
                .asText();
        cli.env.put("TEMPO_MCP_PORT", "9090");
        Run guessed = cli.run("mcp-servers", "create", "--account", account, "--name", "local");
        assertEquals(0, guessed.exitCode(), guessed.err());
        assertTrue(guessed.out().contains("  http://127.0.0.1:9090/mcp/"), guessed.out());
        assertTrue(
                guessed.err()
                        .contains("Note: no --public-url or TEMPO_MCP_PUBLIC_URL was given, so the URL is spelled with"
                                + " http://127.0.0.1:9090/mcp, the listen address TEMPO_MCP_HOST and TEMPO_MCP_PORT"
                                + " name (or their defaults)"),
                guessed.err());
        Run json = cli.run("mcp-servers", "create", "--account", account, "--name", "local", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.json().get("url").asText().startsWith("http://127.0.0.1:9090/mcp/"), "stdout is JSON only");
        assertTrue(json.err().contains("Note: no --public-url"), json.err());
        cli.env.put("TEMPO_MCP_PUBLIC_URL", "https://mcp.example.com");
        Run spelled = cli.run("mcp-servers", "create", "--account", account, "--name", "public");
        assertTrue(spelled.out().contains("  https://mcp.example.com/mcp/"), spelled.out());
        assertFalse(spelled.err().contains("Note:"), "a public URL needs no note: " + spelled.err());
    }

    @Test
    void completionIsAScriptForEveryListedCommandAndOption() {
        Run completion = cli.run("completion");
        assertEquals(0, completion.exitCode(), completion.err());
        String script = completion.out();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script);
        assertTrue(script.contains("complete -F _complete_server -o default server"), "named after the jar");
        for (String word : List.of("mcp-servers", "api-tokens", "--require-api-token", "--data-dir", "--public-url")) {
            assertTrue(script.contains(word), word);
        }
        assertTrue(script.contains("(\"all\" \"discovery\")"), "the values of --tool-exposure are offered");
        assertFalse(script.contains("warm-up"), "the build's hidden command is not offered");
        assertTrue(
                cli.run("completion", "--program", "mcp").out().contains("complete -F _complete_mcp -o default mcp"));
    }
}

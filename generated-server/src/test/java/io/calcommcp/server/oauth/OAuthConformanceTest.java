package io.calcommcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.prism.NodeTools;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MCP conformance suite ({@code @modelcontextprotocol/conformance} 0.1.16) and {@code serve
 * --oauth}. The suite's auth scenarios all test a client: the suite plays the MCP server and its
 * authorization server, and checks how the client discovers, registers and asks for tokens. Its
 * server runner sends no credentials, so none of them can run against a server; the test below
 * pins that, so that a suite that adds server auth scenarios fails here until they are run. What
 * does apply is that the OAuth assembly still serves MCP conformantly: the server scenarios pass on
 * a scoped URL of the OAuth server ({@code /mcp} itself answers 401 to the credential-less runner,
 * as it must).
 */
class OAuthConformanceTest {

    private static final Pattern SUMMARY = Pattern.compile("Passed: (\\d+)/(\\d+), (\\d+) failed");

    @TempDir
    static Path dataDir;

    private static OAuthServe server;
    private static String scopedUrl;

    @BeforeAll
    static void start() throws Exception {
        // These scenarios never call a tool, so the upstream is never contacted.
        server = new OAuthServe(dataDir, URI.create("http://127.0.0.1:9"), Clock.systemUTC());
        HttpResponse<String> account = server.admin(
                "POST",
                "/integrated-account",
                "{\"name\":\"Conformance\",\"api_key\":\"cal_live_conformance_key_1234\",\"base_url\":"
                        + "\"http://127.0.0.1:9\"}");
        assertEquals(201, account.statusCode(), account.body());
        String id = OAuthServe.JSON.readTree(account.body()).get("id").asText();
        HttpResponse<String> mcp =
                server.admin("POST", "/integrated-account/" + id + "/mcp", "{\"name\":\"conformance\"}");
        assertEquals(201, mcp.statusCode(), mcp.body());
        String url = OAuthServe.JSON.readTree(mcp.body()).get("url").asText();
        scopedUrl =
                "http://localhost:" + server.publicUrl().getPort() + "/mcp/" + url.substring(url.lastIndexOf('/') + 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyAuthScenarioOfTheSuiteTestsAClient() throws Exception {
        String listing = conformance("list");
        int servers = listing.indexOf("Server scenarios");
        int clients = listing.indexOf("Client scenarios");
        assertTrue(servers >= 0 && clients > servers, listing);
        String serverPart = listing.substring(servers, clients);
        String clientPart = listing.substring(clients);
        assertFalse(serverPart.contains("auth"), () -> "a server auth scenario to run here:\n" + serverPart);
        List<String> auth = clientPart
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith("- auth/"))
                .toList();
        assertTrue(auth.size() >= 10, clientPart);
    }

    @Test
    void mcpItselfAsksACredentialLessClientForAToken() throws Exception {
        HttpResponse<String> answer = new PersonAndClient(server.publicUrl()).listTools("/mcp", java.util.Map.of());
        assertEquals(401, answer.statusCode(), answer.body());
        String challenge = answer.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(
                challenge.contains(
                        "resource_metadata=\"" + server.publicUrl() + "/.well-known/oauth-protected-resource/mcp\""),
                challenge);
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-initialize", "ping", "tools-list", "dns-rebinding-protection"})
    void theServerScenariosPassOnTheOAuthServer(String scenario) throws Exception {
        String output = conformance(
                "server",
                "--url",
                scopedUrl,
                "--scenario",
                scenario,
                "--output-dir",
                NodeTools.workDir().resolve("conformance-oauth").toString());
        Matcher summary = SUMMARY.matcher(output);
        assertTrue(summary.find(), () -> "no result summary in:\n" + output);
        assertEquals("0", summary.group(3), () -> output);
        assertEquals(summary.group(2), summary.group(1), () -> output);
        assertTrue(Integer.parseInt(summary.group(2)) > 0, () -> "no checks ran:\n" + output);
    }

    /** Runs the suite's command line; its output, after checking it exited 0. */
    private static String conformance(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of(NodeTools.node().toString(), NodeTools.conformance().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, () -> "the conformance run did not finish in 120 s:\n" + output);
        assertEquals(0, process.exitValue(), () -> "conformance exit code; output:\n" + output);
        return output;
    }
}

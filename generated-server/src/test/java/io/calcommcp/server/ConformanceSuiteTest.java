package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.prism.NodeTools;
import io.calcommcp.server.testing.RunningServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance} 0.1.16 on Node
 * 22) against the running HTTP server. The URL uses {@code localhost}, which the
 * dns-rebinding-protection scenario requires; it then checks that a foreign Host/Origin is
 * refused and a localhost one accepted.
 */
class ConformanceSuiteTest {

    private static final Pattern SUMMARY = Pattern.compile("Passed: (\\d+)/(\\d+), (\\d+) failed");
    private static RunningServer server;

    @BeforeAll
    static void start() throws IOException {
        // These scenarios never call a tool, so the upstream is never contacted.
        server = new RunningServer(URI.create("http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-initialize", "ping", "tools-list", "dns-rebinding-protection"})
    void scenarioPasses(String scenario) throws Exception {
        Process process = new ProcessBuilder(
                        NodeTools.node().toString(),
                        NodeTools.conformance().toString(),
                        "server",
                        "--url",
                        "http://localhost:" + server.port() + "/mcp",
                        "--scenario",
                        scenario,
                        "--output-dir",
                        NodeTools.workDir().resolve("conformance").toString())
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, () -> "the conformance run did not finish in 120 s:\n" + output);
        assertEquals(0, process.exitValue(), () -> "conformance exit code; output:\n" + output);
        Matcher summary = SUMMARY.matcher(output);
        assertTrue(summary.find(), () -> "no result summary in:\n" + output);
        assertEquals("0", summary.group(3), () -> output);
        assertEquals(summary.group(2), summary.group(1), () -> output);
        assertTrue(Integer.parseInt(summary.group(2)) > 0, () -> "no checks ran:\n" + output);
    }
}

package io.calcommcp.server.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.ServerAssembly;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.testing.RunningServer;
import io.calcommcp.toolapi.ToolExposure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A start that fails after the MCP server is built is a one-line IOException, not a crash. */
class HttpMcpServerStartTest {

    private static final URI UPSTREAM = URI.create("http://127.0.0.1:9");

    @Test
    void aServerThatCannotListenFailsWithAOneLineMessage() throws Exception {
        // 192.0.2.1 (TEST-NET-1) is never an address of this machine. The failure comes after the
        // MCP server is built, on the path that must close it again.
        ObjectMapper json = new ObjectMapper();
        ServerConfig config = new ServerConfig(
                Optional.of(RunningServer.API_KEY),
                "TEMPO_API_KEY",
                UPSTREAM,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                "192.0.2.1",
                8080,
                List.of(),
                List.of(),
                Optional.empty(),
                ServerConfig.DEFAULT_MAX_RESULT_BYTES,
                ToolExposure.ALL,
                RequestLimits.defaults());
        StructuredLog log =
                new StructuredLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), json);
        ServerAssembly assembly = ServerAssembly.build(config, RunningServer.tools(json), log, json);
        IOException e = assertThrows(IOException.class, assembly::startHttp);
        assertTrue(e.getMessage().startsWith("Could not listen on 192.0.2.1:8080 "), e.getMessage());
    }
}

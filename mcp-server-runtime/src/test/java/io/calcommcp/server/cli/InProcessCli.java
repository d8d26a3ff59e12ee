package io.calcommcp.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.server.testing.RunningServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line run in-process, as {@code java -jar server.jar} version 1.2.3, with its own
 * environment, input and clock, and a launcher that records what {@code serve} and {@code stdio}
 * would start instead of starting it.
 */
final class InProcessCli {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ToolSet TOOLS = RunningServer.tools(JSON);

    /** The environment of the next run. */
    final Map<String, String> env = new HashMap<>();

    /** What the runs started: {@code serve <port> <store> <admin>} and {@code stdio <upstream>}. */
    final List<String> launched = new ArrayList<>();

    /** The configurations {@code serve} and {@code stdio} started with. */
    final List<ServerConfig> started = new ArrayList<>();

    private final Clock clock;

    InProcessCli(Clock clock) {
        this.clock = clock;
    }

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    Run run(String... args) {
        return runWithInput("", args);
    }

    Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher launcher = new Launcher() {
            @Override
            public int serve(ServerConfig server, StoreConfig store, AdminConfig admin, CliContext context) {
                launched.add("serve " + server.port() + " " + store.location().displayUrl() + " " + admin);
                started.add(server);
                return 0;
            }

            @Override
            public int stdio(ServerConfig server, CliContext context) {
                launched.add("stdio " + server.upstream());
                started.add(server);
                return 0;
            }

            @Override
            public int warmUp(CliContext context) {
                launched.add("warm-up");
                return 0;
            }
        };
        CliContext context = new CliContext(
                Map.copyOf(env),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                TOOLS,
                JSON,
                clock,
                launcher,
                "java -jar server.jar",
                "1.2.3");
        int code = Cli.run(List.of(args), context);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

package io.calcommcp.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Limits and timeouts: every value Jetty or HttpClient would refuse is a usage error here, not an
 * exception later.
 */
class ConfigReaderTest {

    /**
     * The server configuration {@code serve} starts with, given {@code args} and the environment; a
     * usage error is thrown as what the command line printed after {@code Error: }.
     */
    private static ServerConfig read(Map<String, String> extraEnv, String... args) throws UsageException {
        InProcessCli cli = new InProcessCli(Clock.systemUTC());
        cli.env.putAll(extraEnv);
        cli.env.put("TEMPO_API_KEY", "tempo_test");
        List<String> line = new ArrayList<>(List.of("serve"));
        line.addAll(List.of(args));
        InProcessCli.Run run = cli.run(line.toArray(String[]::new));
        String printed = run.err().strip();
        if (run.exitCode() == 2 && printed.startsWith("Error: ")) {
            throw new UsageException(printed.substring("Error: ".length()));
        }
        assertEquals(0, run.exitCode(), printed);
        return cli.started.get(0);
    }

    @Test
    void requestLimits_haveSafeDefaults_andComeFromFlagsOrEnvironment() throws Exception {
        RequestLimits defaults = read(Map.of()).limits();
        assertEquals(RequestLimits.defaults(), defaults);
        assertEquals(1024 * 1024, defaults.maxRequestBytes());
        assertEquals(Duration.ofSeconds(10), defaults.requestTimeout());
        assertEquals(64, defaults.maxConcurrentCalls());
        assertEquals(0, defaults.maxCallsPerMinute());
        assertEquals(10L * 1024 * 1024, defaults.maxUpstreamResponseBytes());

        RequestLimits flags = read(
                        Map.of("TEMPO_MCP_MAX_CALLS_PER_MINUTE", "30"),
                        "--max-request-bytes",
                        "65536",
                        "--request-timeout",
                        "2.5",
                        "--max-concurrent-calls",
                        "8",
                        "--max-upstream-response-bytes",
                        "2048")
                .limits();
        assertEquals(new RequestLimits(65536, Duration.ofMillis(2500), 8, 30, 2048), flags);
    }

    @Test
    void requestLimits_outOfRange_areRefusedWithTheRange() {
        UsageException bytes = assertThrows(UsageException.class, () -> read(Map.of(), "--max-request-bytes", "10"));
        assertTrue(
                bytes.getMessage().contains("--max-request-bytes / TEMPO_MCP_MAX_REQUEST_BYTES"), bytes.getMessage());
        assertTrue(bytes.getMessage().contains("from 4096 to"), bytes.getMessage());
        UsageException calls = assertThrows(UsageException.class, () -> read(Map.of(), "--max-concurrent-calls", "0"));
        assertTrue(calls.getMessage().contains("from 1 to 10000"), calls.getMessage());
        UsageException timeout = assertThrows(UsageException.class, () -> read(Map.of(), "--request-timeout", "0.01"));
        assertTrue(timeout.getMessage().contains("--request-timeout"), timeout.getMessage());
    }

    @Test
    void connectionCaps_comeFromFlagsOrEnvironment_perClientAQuarterUnlessGiven() throws Exception {
        RequestLimits defaults = read(Map.of()).limits();
        assertEquals(1024, defaults.maxConnections());
        assertEquals(256, defaults.maxConnectionsPerClient());

        RequestLimits fewer = read(Map.of(), "--max-connections", "100").limits();
        assertEquals(100, fewer.maxConnections());
        assertEquals(25, fewer.maxConnectionsPerClient());

        RequestLimits behindAProxy = read(
                        Map.of("TEMPO_MCP_MAX_CONNECTIONS_PER_CLIENT", "100"), "--max-connections", "100")
                .limits();
        assertEquals(100, behindAProxy.maxConnectionsPerClient());

        UsageException tooMany = assertThrows(
                UsageException.class,
                () -> read(Map.of(), "--max-connections", "10", "--max-connections-per-client", "11"));
        assertTrue(
                tooMany.getMessage().contains("more than --max-connections / TEMPO_MCP_MAX_CONNECTIONS (10)"),
                tooMany.getMessage());
        UsageException none = assertThrows(UsageException.class, () -> read(Map.of(), "--max-connections", "0"));
        assertTrue(none.getMessage().contains("--max-connections / TEMPO_MCP_MAX_CONNECTIONS"), none.getMessage());
    }

    @Test
    void timeoutsAreReadInSeconds_withDecimals() throws Exception {
        ServerConfig config = read(Map.of(), "--connect-timeout", "0.001", "--read-timeout", "0.5");
        assertEquals(Duration.ofMillis(1), config.connectTimeout());
        assertEquals(Duration.ofMillis(500), config.readTimeout());
        assertEquals(
                Duration.ofDays(1), read(Map.of(), "--read-timeout", "86400").readTimeout());
        assertEquals(Duration.ofSeconds(10), read(Map.of()).connectTimeout());
        assertEquals(Duration.ofSeconds(30), read(Map.of()).readTimeout());
    }

    @Test
    void timeoutsBelowOneMillisecond_notPositive_notFinite_orHugeAreUsageErrors() {
        for (String bad :
                List.of("0.0001", "0.0009", "0", "-1", "-0.5", "1e30", "86401", "NaN", "Infinity", "ten", "")) {
            UsageException e = assertThrows(UsageException.class, () -> read(Map.of(), "--read-timeout", bad), bad);
            assertTrue(
                    e.getMessage().startsWith("--read-timeout / TEMPO_READ_TIMEOUT: '" + bad + "' is "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("e.g. 30 or 0.5"), e.getMessage());
        }
        UsageException fromEnv =
                assertThrows(UsageException.class, () -> read(Map.of("TEMPO_CONNECT_TIMEOUT", "0.0001")));
        assertTrue(fromEnv.getMessage().contains("between 0.001 (1 ms) and 86400 seconds"), fromEnv.getMessage());
    }
}

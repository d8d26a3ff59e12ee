package io.calcommcp.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.RunningServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timeouts: every value HttpClient would refuse is a usage error here, not an exception later. */
class ConfigReaderTest {

    private static ServerConfig read(Map<String, String> extraEnv, String... args) throws UsageException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("CALCOM_API_KEY", "cal_test");
        Options.Upstream upstream = new Options.Upstream();
        Options.Limits limits = new Options.Limits();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--connect-timeout" -> upstream.connectTimeout = args[i + 1];
                case "--read-timeout" -> upstream.readTimeout = args[i + 1];
                case "--max-request-bytes" -> limits.maxRequestBytes = args[i + 1];
                case "--request-timeout" -> limits.requestTimeout = args[i + 1];
                case "--max-concurrent-calls" -> limits.maxConcurrentCalls = args[i + 1];
                case "--max-calls-per-minute" -> limits.maxCallsPerMinute = args[i + 1];
                case "--max-upstream-response-bytes" -> limits.maxUpstreamResponseBytes = args[i + 1];
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        return new ConfigReader(env, RunningServer.tools(new ObjectMapper()).profile(), "java -jar server.jar")
                .server(upstream, new Options.Tools(), new Options.Http(), new Options.PublicUrl(), limits);
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
                        Map.of("CALCOM_MCP_MAX_CALLS_PER_MINUTE", "30"),
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
                bytes.getMessage().contains("--max-request-bytes / CALCOM_MCP_MAX_REQUEST_BYTES"), bytes.getMessage());
        assertTrue(bytes.getMessage().contains("from 4096 to"), bytes.getMessage());
        UsageException calls = assertThrows(UsageException.class, () -> read(Map.of(), "--max-concurrent-calls", "0"));
        assertTrue(calls.getMessage().contains("from 1 to 10000"), calls.getMessage());
        UsageException timeout = assertThrows(UsageException.class, () -> read(Map.of(), "--request-timeout", "0.01"));
        assertTrue(timeout.getMessage().contains("--request-timeout"), timeout.getMessage());
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
                    e.getMessage().startsWith("--read-timeout / CALCOM_READ_TIMEOUT: '" + bad + "' is "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("e.g. 30 or 0.5"), e.getMessage());
        }
        UsageException fromEnv =
                assertThrows(UsageException.class, () -> read(Map.of("CALCOM_CONNECT_TIMEOUT", "0.0001")));
        assertTrue(fromEnv.getMessage().contains("between 0.001 (1 ms) and 86400 seconds"), fromEnv.getMessage());
    }
}

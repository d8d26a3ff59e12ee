package io.calcommcp.server.cli;

import io.calcommcp.server.ServerConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link ServerConfig} from command-line options and environment variables. A flag
 * wins over its variable; the API key comes only from the environment, because command lines
 * are visible to every user of the machine ({@code ps}).
 */
public final class ConfigReader {

    /** Options shared by {@code serve} and {@code stdio}. */
    public static final Set<String> UPSTREAM_OPTIONS = Set.of("upstream", "connect-timeout", "read-timeout");

    /** Options only {@code serve} has. */
    public static final Set<String> HTTP_OPTIONS =
            Set.of("port", "host", "allowed-host", "allowed-origin", "public-url");

    private final Map<String, String> env;

    /** @param env the process environment */
    public ConfigReader(Map<String, String> env) {
        this.env = env;
    }

    /** Reads the configuration; HTTP options fall back to their defaults when absent. */
    public ServerConfig read(ParsedArguments args) throws UsageException {
        String apiKey = env("CALCOM_API_KEY")
                .orElseThrow(
                        () -> new UsageException(
                                "CALCOM_API_KEY is not set. Create an API key in Cal.com (Settings -> Developer -> API keys) and start"
                                        + " the server with it in the environment, e.g. CALCOM_API_KEY=cal_live_... java -jar calcom-mcp-server.jar serve"));
        URI upstream = url(
                "--upstream / CALCOM_API_BASE_URL",
                args.value("upstream")
                        .or(() -> env("CALCOM_API_BASE_URL"))
                        .orElse(ServerConfig.DEFAULT_UPSTREAM.toString()));
        Duration connect = seconds(
                "--connect-timeout / CALCOM_CONNECT_TIMEOUT",
                args.value("connect-timeout")
                        .or(() -> env("CALCOM_CONNECT_TIMEOUT"))
                        .orElse("10"));
        Duration read = seconds(
                "--read-timeout / CALCOM_READ_TIMEOUT",
                args.value("read-timeout").or(() -> env("CALCOM_READ_TIMEOUT")).orElse("30"));
        String host = args.value("host").or(() -> env("CALCOM_MCP_HOST")).orElse("127.0.0.1");
        int port = port(args.value("port").or(() -> env("CALCOM_MCP_PORT")).orElse("8080"));
        List<String> hosts = listOf(args.values("allowed-host"), "CALCOM_MCP_ALLOWED_HOSTS");
        List<String> origins = listOf(args.values("allowed-origin"), "CALCOM_MCP_ALLOWED_ORIGINS");
        Optional<String> publicUrlText = args.value("public-url").or(() -> env("CALCOM_MCP_PUBLIC_URL"));
        Optional<URI> publicUrl = publicUrlText.isPresent()
                ? Optional.of(url("--public-url / CALCOM_MCP_PUBLIC_URL", publicUrlText.get()))
                : Optional.empty();
        return new ServerConfig(apiKey, upstream, connect, read, host, port, hosts, origins, publicUrl);
    }

    private Optional<String> env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private List<String> listOf(List<String> flagValues, String envName) {
        List<String> out = new ArrayList<>(flagValues);
        if (out.isEmpty()) {
            env(envName)
                    .ifPresent(v -> Arrays.stream(v.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .forEach(out::add));
        }
        return out;
    }

    private static URI url(String what, String text) throws UsageException {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException(what + ": '" + text + "' is not an http(s) URL, e.g. https://api.cal.com");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(what + ": '" + text + "' is not a URL, e.g. https://api.cal.com");
        }
    }

    // Below 1 ms the duration would round to zero, which HttpClient refuses with an exception; far
    // above a day a value is a typo, and past Long.MAX_VALUE milliseconds it would wrap negative.
    private static final BigDecimal MIN_TIMEOUT_SECONDS = new BigDecimal("0.001");
    private static final BigDecimal MAX_TIMEOUT_SECONDS = BigDecimal.valueOf(86_400);

    private static Duration seconds(String what, String text) throws UsageException {
        BigDecimal seconds;
        try {
            // BigDecimal reads no NaN or Infinity, so every value that parses is finite.
            seconds = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(what + ": '" + text + "' is not a number of seconds, e.g. 30 or 0.5");
        }
        if (seconds.compareTo(MIN_TIMEOUT_SECONDS) < 0 || seconds.compareTo(MAX_TIMEOUT_SECONDS) > 0) {
            throw new UsageException(what + ": '" + text + "' is out of range: give between "
                    + MIN_TIMEOUT_SECONDS.toPlainString() + " (1 ms) and " + MAX_TIMEOUT_SECONDS.toPlainString()
                    + " seconds, e.g. 30 or 0.5");
        }
        return Duration.ofMillis(seconds.movePointRight(3).longValue());
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "--port / CALCOM_MCP_PORT: '" + text + "' is not a port number (0-65535; 0 picks a free port)");
        }
    }
}

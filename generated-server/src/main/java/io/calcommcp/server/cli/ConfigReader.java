package io.calcommcp.server.cli;

import io.calcommcp.server.ServerConfig;
import io.calcommcp.toolapi.VendorProfile;
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
 * are visible to every user of the machine ({@code ps}). The variables' names start with the
 * vendor profile's prefix: {@code <PREFIX>_API_KEY}, {@code <PREFIX>_MCP_PORT}, ...
 */
public final class ConfigReader {

    /** Options shared by {@code serve} and {@code stdio}. */
    public static final Set<String> UPSTREAM_OPTIONS = Set.of("upstream", "connect-timeout", "read-timeout");

    /** Options only {@code serve} has. */
    public static final Set<String> HTTP_OPTIONS =
            Set.of("port", "host", "allowed-host", "allowed-origin", "public-url");

    private final Map<String, String> env;
    private final VendorProfile profile;
    private final String command;

    /**
     * @param env the process environment
     * @param profile names the variables and gives the default base URL
     * @param command how the user starts the server, for examples in messages
     */
    public ConfigReader(Map<String, String> env, VendorProfile profile, String command) {
        this.env = env;
        this.profile = profile;
        this.command = command;
    }

    /** Reads the configuration; HTTP options fall back to their defaults when absent. */
    public ServerConfig read(ParsedArguments args) throws UsageException {
        String keyVariable = variable("API_KEY");
        String apiKey = env(keyVariable)
                .orElseThrow(() -> new UsageException(keyVariable + " is not set. "
                        + (profile.credentialHelp().isEmpty() ? "" : profile.credentialHelp() + " ")
                        + "Start the server with the key in the environment, e.g. " + keyVariable + "=... " + command
                        + " serve"));
        String baseUrlVariable = variable("API_BASE_URL");
        Optional<String> upstreamText = args.value("upstream").or(() -> env(baseUrlVariable));
        if (upstreamText.isEmpty() && profile.defaultBaseUrl().isEmpty()) {
            throw new UsageException("The " + profile.displayName() + " API has no default base URL: give it with"
                    + " --upstream or " + baseUrlVariable + ", e.g. --upstream https://api.example.com");
        }
        URI upstream = url("--upstream / " + baseUrlVariable, upstreamText.orElse(profile.defaultBaseUrl()));
        Duration connect = seconds(
                "--connect-timeout / " + variable("CONNECT_TIMEOUT"),
                args.value("connect-timeout")
                        .or(() -> env(variable("CONNECT_TIMEOUT")))
                        .orElse("10"));
        Duration read = seconds(
                "--read-timeout / " + variable("READ_TIMEOUT"),
                args.value("read-timeout")
                        .or(() -> env(variable("READ_TIMEOUT")))
                        .orElse("30"));
        String host = args.value("host").or(() -> env(variable("MCP_HOST"))).orElse("127.0.0.1");
        int port = port(
                "--port / " + variable("MCP_PORT"),
                args.value("port").or(() -> env(variable("MCP_PORT"))).orElse("8080"));
        List<String> hosts = listOf(args.values("allowed-host"), variable("MCP_ALLOWED_HOSTS"));
        List<String> origins = listOf(args.values("allowed-origin"), variable("MCP_ALLOWED_ORIGINS"));
        Optional<String> publicUrlText = args.value("public-url").or(() -> env(variable("MCP_PUBLIC_URL")));
        Optional<URI> publicUrl = publicUrlText.isPresent()
                ? Optional.of(url("--public-url / " + variable("MCP_PUBLIC_URL"), publicUrlText.get()))
                : Optional.empty();
        return new ServerConfig(apiKey, keyVariable, upstream, connect, read, host, port, hosts, origins, publicUrl);
    }

    private String variable(String suffix) {
        return profile.environmentVariable(suffix);
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
                throw new UsageException(what + ": '" + text + "' is not an http(s) URL, e.g. https://api.example.com");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(what + ": '" + text + "' is not a URL, e.g. https://api.example.com");
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

    private static int port(String what, String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(what + ": '" + text + "' is not a port number (0-65535; 0 picks a free port)");
        }
    }
}

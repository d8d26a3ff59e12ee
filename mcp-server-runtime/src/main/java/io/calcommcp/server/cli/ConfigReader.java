package io.calcommcp.server.cli;

import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.store.EncryptionKey;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.server.store.StoreLocation;
import io.calcommcp.toolapi.ToolExposure;
import io.calcommcp.toolapi.VendorProfile;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns command-line options and environment variables into configuration. A flag wins over its
 * variable, and the variable over the default; secrets (the API key, the admin token, the
 * encryption key, the database password) come only from the environment, never from flags,
 * because command lines are visible to every user of the machine ({@code ps}). The variables'
 * names start with the vendor profile's prefix: {@code <PREFIX>_API_KEY}, {@code <PREFIX>_MCP_PORT}.
 */
public final class ConfigReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

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

    /** The name of one of the server's variables: {@code CALCOM_MCP_PORT} for {@code MCP_PORT}. */
    public String variable(String suffix) {
        return profile.environmentVariable(suffix);
    }

    /** The single API key of the server, if the environment has one. */
    public Optional<String> apiKey() {
        return env(variable("API_KEY"));
    }

    /** The message for a command that needs the API key and has none. */
    public UsageException missingApiKey(String subcommand) {
        String keyVariable = variable("API_KEY");
        return new UsageException(keyVariable + " is not set. "
                + (profile.credentialHelp().isEmpty() ? "" : profile.credentialHelp() + " ")
                + "Start with the key in the environment, e.g. " + keyVariable + "=... " + command + " " + subcommand);
    }

    /** The upstream and HTTP settings of {@code serve} and {@code stdio}. */
    ServerConfig server(
            Options.Upstream upstreamOptions,
            Options.Tools toolOptions,
            Options.Http http,
            Options.PublicUrl publicUrlOptions,
            Options.Limits limitOptions)
            throws UsageException {
        String baseUrlVariable = variable("API_BASE_URL");
        Optional<String> upstreamText = flag(upstreamOptions.upstream).or(() -> env(baseUrlVariable));
        if (upstreamText.isEmpty() && profile.defaultBaseUrl().isEmpty()) {
            throw new UsageException("The " + profile.displayName() + " API has no default base URL: give it with"
                    + " --upstream or " + baseUrlVariable + ", e.g. --upstream https://api.example.com");
        }
        URI upstream = url("--upstream / " + baseUrlVariable, upstreamText.orElse(profile.defaultBaseUrl()));
        Duration connect = seconds(
                "--connect-timeout / " + variable("CONNECT_TIMEOUT"),
                flag(upstreamOptions.connectTimeout)
                        .or(() -> env(variable("CONNECT_TIMEOUT")))
                        .orElse("10"));
        Duration read = seconds(
                "--read-timeout / " + variable("READ_TIMEOUT"),
                flag(upstreamOptions.readTimeout)
                        .or(() -> env(variable("READ_TIMEOUT")))
                        .orElse("30"));
        String maxResultVariable = variable("MCP_MAX_RESULT_BYTES");
        int maxResultBytes = boundedInteger(
                "--max-result-bytes / " + maxResultVariable,
                flag(toolOptions.maxResultBytes)
                        .or(() -> env(maxResultVariable))
                        .orElse(String.valueOf(ServerConfig.DEFAULT_MAX_RESULT_BYTES)),
                ServerConfig.MIN_MAX_RESULT_BYTES,
                ServerConfig.MAX_MAX_RESULT_BYTES);
        String exposureVariable = variable("MCP_TOOL_EXPOSURE");
        String exposureText =
                flag(toolOptions.toolExposure).or(() -> env(exposureVariable)).orElse(ToolExposure.ALL.label());
        ToolExposure exposure = ToolExposure.fromLabel(exposureText.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsageException("--tool-exposure / " + exposureVariable + ": '" + exposureText
                        + "' is neither all nor discovery."));
        String host = host(http);
        int port = port(http);
        List<String> hosts = listOf(http.allowedHosts, variable("MCP_ALLOWED_HOSTS"));
        List<String> origins = listOf(http.allowedOrigins, variable("MCP_ALLOWED_ORIGINS"));
        return new ServerConfig(
                apiKey(),
                variable("API_KEY"),
                upstream,
                connect,
                read,
                host,
                port,
                hosts,
                origins,
                publicUrl(publicUrlOptions),
                maxResultBytes,
                exposure,
                limits(limitOptions));
    }

    /** The request limits, each from its flag, else its variable, else the default. */
    RequestLimits limits(Options.Limits options) throws UsageException {
        String requestBytes = variable("MCP_MAX_REQUEST_BYTES");
        String timeout = variable("MCP_REQUEST_TIMEOUT");
        String concurrent = variable("MCP_MAX_CONCURRENT_CALLS");
        String perMinute = variable("MCP_MAX_CALLS_PER_MINUTE");
        String upstreamBytes = variable("MCP_MAX_UPSTREAM_RESPONSE_BYTES");
        Duration requestTimeout = seconds(
                "--request-timeout / " + timeout,
                flag(options.requestTimeout)
                        .or(() -> env(timeout))
                        .orElse(String.valueOf(RequestLimits.DEFAULT_REQUEST_TIMEOUT.toSeconds())));
        if (requestTimeout.compareTo(RequestLimits.MIN_REQUEST_TIMEOUT) < 0
                || requestTimeout.compareTo(RequestLimits.MAX_REQUEST_TIMEOUT) > 0) {
            throw new UsageException("--request-timeout / " + timeout + ": give between "
                    + RequestLimits.MIN_REQUEST_TIMEOUT.toMillis() / 1000.0 + " and "
                    + RequestLimits.MAX_REQUEST_TIMEOUT.toSeconds() + " seconds, e.g. 10");
        }
        return new RequestLimits(
                boundedInteger(
                        "--max-request-bytes / " + requestBytes,
                        flag(options.maxRequestBytes)
                                .or(() -> env(requestBytes))
                                .orElse(String.valueOf(RequestLimits.DEFAULT_MAX_REQUEST_BYTES)),
                        RequestLimits.MIN_MAX_REQUEST_BYTES,
                        RequestLimits.MAX_MAX_REQUEST_BYTES),
                requestTimeout,
                boundedInteger(
                        "--max-concurrent-calls / " + concurrent,
                        flag(options.maxConcurrentCalls)
                                .or(() -> env(concurrent))
                                .orElse(String.valueOf(RequestLimits.DEFAULT_MAX_CONCURRENT_CALLS)),
                        1,
                        RequestLimits.MAX_MAX_CONCURRENT_CALLS),
                boundedInteger(
                        "--max-calls-per-minute / " + perMinute,
                        flag(options.maxCallsPerMinute)
                                .or(() -> env(perMinute))
                                .orElse(String.valueOf(RequestLimits.DEFAULT_MAX_CALLS_PER_MINUTE)),
                        0,
                        RequestLimits.MAX_MAX_CALLS_PER_MINUTE),
                boundedInteger(
                        "--max-upstream-response-bytes / " + upstreamBytes,
                        flag(options.maxUpstreamResponseBytes)
                                .or(() -> env(upstreamBytes))
                                .orElse(String.valueOf(RequestLimits.DEFAULT_MAX_UPSTREAM_RESPONSE_BYTES)),
                        (int) RequestLimits.MIN_MAX_UPSTREAM_RESPONSE_BYTES,
                        (int) RequestLimits.MAX_MAX_UPSTREAM_RESPONSE_BYTES));
    }

    /** The public URL clients use, if one is configured. */
    Optional<URI> publicUrl(Options.PublicUrl options) throws UsageException {
        Optional<String> text = flag(options.publicUrl).or(() -> env(variable("MCP_PUBLIC_URL")));
        return text.isPresent()
                ? Optional.of(url("--public-url / " + variable("MCP_PUBLIC_URL"), text.get()))
                : Optional.empty();
    }

    /** How the URLs of scoped servers are shown: on the public URL, or else on the listen address. */
    McpUrls mcpUrls(Options.PublicUrl publicUrlOptions, Options.Http http) throws UsageException {
        return McpUrls.of(publicUrl(publicUrlOptions), host(http), port(http));
    }

    /** Which store to open: {@code --db-url} or the embedded one under {@code --data-dir}. */
    public StoreConfig store(Options.Store options) throws UsageException {
        Path dataDir = Optional.ofNullable(options.dataDir)
                .or(() -> env(variable("MCP_DATA_DIR")).map(Path::of))
                .orElse(Path.of("data"));
        Optional<String> dbUrl = flag(options.dbUrl).or(() -> env(variable("MCP_DB_URL")));
        StoreLocation location;
        if (dbUrl.isPresent()) {
            if (!dbUrl.get().startsWith("jdbc:")) {
                throw new UsageException("--db-url / " + variable("MCP_DB_URL") + ": '" + dbUrl.get()
                        + "' is not a JDBC URL, e.g. jdbc:postgresql://db.example.com:5432/mcp");
            }
            location = StoreLocation.jdbc(
                    dbUrl.get(), env(variable("MCP_DB_USER")), env(variable("MCP_DB_PASSWORD")), dataDir);
        } else {
            location = StoreLocation.embedded(dataDir);
        }
        // The file named on the command line wins over the variable, like every other flag.
        Optional<Path> keyFile = Optional.ofNullable(options.encryptionKeyFile);
        Optional<String> keyVariable = keyFile.isPresent() ? Optional.empty() : env(variable("MCP_ENCRYPTION_KEY"));
        return new StoreConfig(location, new EncryptionKey(variable("MCP_ENCRYPTION_KEY"), keyVariable, keyFile));
    }

    /** The admin API's listener; off without an admin token. */
    AdminConfig admin(Options.Admin options) throws UsageException {
        String tokenVariable = variable("MCP_ADMIN_TOKEN");
        Optional<String> token = env(tokenVariable);
        if (token.isPresent() && token.get().length() < AdminConfig.MINIMUM_TOKEN_LENGTH) {
            throw new UsageException(tokenVariable + " is " + token.get().length() + " characters long; use at least "
                    + AdminConfig.MINIMUM_TOKEN_LENGTH + " random ones, e.g. from: openssl rand -base64 32");
        }
        String host = flag(options.adminHost)
                .or(() -> env(variable("MCP_ADMIN_HOST")))
                .orElse("127.0.0.1");
        int port = port(
                "--admin-port / " + variable("MCP_ADMIN_PORT"),
                flag(options.adminPort)
                        .or(() -> env(variable("MCP_ADMIN_PORT")))
                        .orElse("8081"));
        return new AdminConfig(token, tokenVariable, host, port);
    }

    /**
     * The expiry the options give, as ISO 8601: {@code --expires-at} as it is, {@code --expires-in}
     * added to now. Empty when neither is given.
     */
    Optional<String> expiry(Options.Expiry options, Clock clock) throws UsageException {
        if (options.expiresAt != null && options.expiresIn != null) {
            throw new UsageException("Give --expires-at or --expires-in, not both.");
        }
        if (options.expiresAt != null) {
            return Optional.of(options.expiresAt);
        }
        if (options.expiresIn == null) {
            return Optional.empty();
        }
        // Whole seconds: "24h from now" needs no more precision, and it reads better.
        return Optional.of(clock.instant()
                .truncatedTo(ChronoUnit.SECONDS)
                .plus(duration(options.expiresIn))
                .toString());
    }

    /** {@code 90m}, {@code 24h}, {@code 7d}, {@code 3600s}, or ISO 8601 such as {@code PT24H}. */
    static Duration duration(String text) throws UsageException {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(trimmed);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    "--expires-in: '" + text + "' is not a duration; write a number and a unit, e.g. 90m, 24h or 7d");
        }
    }

    private String host(Options.Http http) {
        return flag(http.host).or(() -> env(variable("MCP_HOST"))).orElse("127.0.0.1");
    }

    private int port(Options.Http http) throws UsageException {
        return port(
                "--port / " + variable("MCP_PORT"),
                flag(http.port).or(() -> env(variable("MCP_PORT"))).orElse("8080"));
    }

    private static int boundedInteger(String what, String text, int min, int max) throws UsageException {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Refused below with the same message.
        }
        throw new UsageException(what + ": '" + text + "' is not a whole number from " + min + " to " + max + ".");
    }

    private Optional<String> env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Optional<String> flag(String value) {
        return Optional.ofNullable(value);
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
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(what + ": '" + text + "' is not a port number (0-65535; 0 picks a free port)");
        }
    }
}

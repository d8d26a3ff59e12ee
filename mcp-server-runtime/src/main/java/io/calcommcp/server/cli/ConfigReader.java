package io.calcommcp.server.cli;

import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.config.OAuthConfig;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.oauth.OAuthSettings;
import io.calcommcp.server.oauth.client.RedirectPolicy;
import io.calcommcp.server.store.EncryptionKey;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.server.store.StoreLocation;
import io.calcommcp.toolapi.ToolExposure;
import io.calcommcp.toolapi.VendorProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the typed options of a command line and the environment variables into configuration. A
 * flag wins over its variable, and the variable over the default; both are read by the same
 * converter (see {@link Setting}). Secrets (the API key, the admin token, the encryption key, the
 * database password) come only from the environment, never from flags, because command lines are
 * visible to every user of the machine ({@code ps}). The variables' names start with the vendor
 * profile's prefix: {@code <PREFIX>_API_KEY}, {@code <PREFIX>_MCP_PORT}.
 */
public final class ConfigReader {

    /** The embedded store's directory, relative to where the server starts. */
    static final String DEFAULT_DATA_DIR = "data";

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
        Optional<URI> upstream = upstreamOptions.upstream.value(env);
        if (upstream.isEmpty() && profile.defaultBaseUrl().isEmpty()) {
            throw new UsageException("The " + profile.displayName() + " API has no default base URL: give it with"
                    + " --upstream or " + variable("API_BASE_URL") + ", e.g. --upstream https://api.example.com");
        }
        return new ServerConfig(
                apiKey(),
                variable("API_KEY"),
                upstream.isPresent() ? upstream.get() : URI.create(profile.defaultBaseUrl()),
                upstreamOptions.connectTimeout.value(env).orElse(ServerConfig.DEFAULT_CONNECT_TIMEOUT),
                upstreamOptions.readTimeout.value(env).orElse(ServerConfig.DEFAULT_READ_TIMEOUT),
                host(http),
                port(http),
                http.allowedHosts.value(env).orElse(List.of()),
                http.allowedOrigins.value(env).orElse(List.of()),
                publicUrlOptions.publicUrl.value(env),
                toolOptions.maxResultBytes.value(env).orElse(ServerConfig.DEFAULT_MAX_RESULT_BYTES),
                toolOptions.toolExposure.value(env).orElse(ToolExposure.ALL),
                limits(limitOptions),
                toolOptions.searchTools.value(env).orElse(true),
                http.trustForwardedHeaders.value(env).orElse(false),
                Optional.empty());
    }

    /**
     * {@code server} with the authorization server {@code options} ask for, if they ask for one:
     * then the public URL is required and must be fit to be an issuer, and the single API key must
     * not be set, since {@code /mcp} cannot serve both.
     */
    ServerConfig oauth(ServerConfig server, Options.OAuth options, Options.PublicUrl publicUrlOptions)
            throws UsageException {
        List<String> hosts = options.redirectHosts.value(env).orElse(List.of());
        boolean privateMetadata = options.allowPrivateClientMetadata.value(env).orElse(false);
        if (!options.oauth.value(env).orElse(false)) {
            if (!hosts.isEmpty() || privateMetadata) {
                throw new UsageException("--oauth-redirect-hosts and --unsafe-oauth-private-client-metadata configure"
                        + " OAuth: add --oauth (or " + variable("MCP_OAUTH") + "=true), or leave them out.");
            }
            return server;
        }
        String publicUrlVariable = variable("MCP_PUBLIC_URL");
        Optional<URI> publicUrl = publicUrl(publicUrlOptions);
        if (publicUrl.isEmpty()) {
            throw new UsageException("--oauth needs --public-url (or " + publicUrlVariable + "): the https URL"
                    + " clients reach this server at, such as --public-url https://mcp.example.com. It is the OAuth"
                    + " issuer, and its /mcp the protected resource.");
        }
        URI issuer;
        try {
            issuer = OAuthSettings.checkPublicUrl(publicUrl.get().toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--public-url / " + publicUrlVariable + ": " + e.getMessage());
        }
        if (server.apiKey().isPresent()) {
            throw new UsageException(server.apiKeyVariable() + " is set, and --oauth is given: with OAuth, /mcp"
                    + " serves each person with their own key, so a server key there would give anyone who reaches"
                    + " /mcp your account. Choose one: unset " + server.apiKeyVariable() + " to serve OAuth (scoped"
                    + " URLs of the store keep working beside it), or leave out --oauth to serve the key at /mcp.");
        }
        if (profile.keyCheckTool().isEmpty()) {
            throw new UsageException("--oauth needs a tool that checks a person's API key before it is stored, and"
                    + " this build's rules name none (server.key-check in the tagging rules).");
        }
        RedirectPolicy redirects;
        try {
            redirects = hosts.isEmpty() ? RedirectPolicy.anyHttpsHost() : RedirectPolicy.of(hosts);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "--oauth-redirect-hosts / " + variable("MCP_OAUTH_REDIRECT_HOSTS") + ": " + e.getMessage());
        }
        return server.withOAuth(Optional.of(new OAuthConfig(issuer, redirects, privateMetadata)));
    }

    /** The request limits, each from its flag, else its variable, else the default. */
    RequestLimits limits(Options.Limits options) throws UsageException {
        int connections = options.maxConnections.value(env).orElse(RequestLimits.DEFAULT_MAX_CONNECTIONS);
        int perClient = options.maxConnectionsPerClient.value(env).orElse(Math.max(1, connections / 4));
        if (perClient > connections) {
            throw new UsageException("--max-connections-per-client / " + variable("MCP_MAX_CONNECTIONS_PER_CLIENT")
                    + " is " + perClient + ", more than --max-connections / " + variable("MCP_MAX_CONNECTIONS")
                    + " (" + connections + "): give at most " + connections + ", or raise --max-connections.");
        }
        return new RequestLimits(
                options.maxRequestBytes.value(env).orElse(RequestLimits.DEFAULT_MAX_REQUEST_BYTES),
                options.requestTimeout.value(env).orElse(RequestLimits.DEFAULT_REQUEST_TIMEOUT),
                options.maxConcurrentCalls.value(env).orElse(RequestLimits.DEFAULT_MAX_CONCURRENT_CALLS),
                options.maxCallsPerMinute.value(env).orElse(RequestLimits.DEFAULT_MAX_CALLS_PER_MINUTE),
                options.maxUpstreamResponseBytes
                        .value(env)
                        .map(Integer::longValue)
                        .orElse(RequestLimits.DEFAULT_MAX_UPSTREAM_RESPONSE_BYTES),
                connections,
                perClient);
    }

    /** The public URL clients use, from {@code --public-url} or its variable, if either gives one. */
    Optional<URI> publicUrl(Options.PublicUrl options) throws UsageException {
        return options.publicUrl.value(env);
    }

    /**
     * How the URLs of scoped servers are shown: on the public URL, or else on the listen address
     * the environment gives (or the default one).
     */
    McpUrls mcpUrls(Options.PublicUrl publicUrlOptions, Options.Http http) throws UsageException {
        return McpUrls.of(publicUrl(publicUrlOptions), host(http), port(http));
    }

    /** Which store to open: {@code --db-url} or the embedded one under {@code --data-dir}. */
    StoreConfig store(Options.Store options) throws UsageException {
        Path dataDir = options.dataDir.value(env).orElse(Path.of(DEFAULT_DATA_DIR));
        Optional<String> dbUrl = options.dbUrl.value(env);
        StoreLocation location = dbUrl.isPresent()
                ? StoreLocation.jdbc(
                        dbUrl.get(), env(variable("MCP_DB_USER")), env(variable("MCP_DB_PASSWORD")), dataDir)
                : StoreLocation.embedded(dataDir);
        // The file named on the command line wins over the variable, like every other flag.
        Optional<Path> keyFile = options.encryptionKeyFile();
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
        return new AdminConfig(
                token,
                tokenVariable,
                options.adminHost.value(env).orElse(AdminConfig.DEFAULT_HOST),
                options.adminPort.value(env).orElse(AdminConfig.DEFAULT_PORT));
    }

    /**
     * The expiry the options give, as ISO 8601: {@code --expires-at} as it is, {@code --expires-in}
     * added to now. Empty when neither is given.
     */
    static Optional<String> expiry(Options.Expiry options, Clock clock) throws UsageException {
        if (options.at().isPresent() && options.in().isPresent()) {
            throw new UsageException("Give --expires-at or --expires-in, not both.");
        }
        if (options.at().isPresent()) {
            return options.at();
        }
        // Whole seconds: "24h from now" needs no more precision, and it reads better.
        return options.in()
                .map(duration -> clock.instant()
                        .truncatedTo(ChronoUnit.SECONDS)
                        .plus(duration)
                        .toString());
    }

    private String host(Options.Http http) throws UsageException {
        return http.host.value(env).orElse(ServerConfig.DEFAULT_HOST);
    }

    private int port(Options.Http http) throws UsageException {
        return http.port.value(env).orElse(ServerConfig.DEFAULT_PORT);
    }

    private Optional<String> env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}

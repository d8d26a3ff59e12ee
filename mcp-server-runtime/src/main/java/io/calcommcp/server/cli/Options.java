package io.calcommcp.server.cli;

import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.toolapi.ToolExposure;
import io.calcommcp.toolapi.VendorProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option groups commands share. A group is made for one command (picocli keeps an option's
 * value in the option, so each command declares its own), declares its options on it, and gives
 * their typed values after parsing; {@link ConfigReader} falls back to the environment and then to
 * the defaults. Help texts name the variables with the vendor profile's prefix.
 */
final class Options {

    private Options() {}

    /** A group of options a command declares. */
    interface Group {
        void addTo(CommandSpec command);
    }

    /** Where the API is and how long to wait for it. */
    static final class Upstream implements Group {
        final Setting<URI> upstream;
        final Setting<Duration> connectTimeout;
        final Setting<Duration> readTimeout;

        Upstream(VendorProfile profile) {
            String base = profile.environmentVariable("API_BASE_URL");
            upstream = Setting.of(
                    "--upstream",
                    "URL",
                    base,
                    URI.class,
                    Converters::httpUrl,
                    profile.displayName() + " API base URL (env " + base + ", "
                            + (profile.defaultBaseUrl().isEmpty() ? "required" : "default " + profile.defaultBaseUrl())
                            + ")");
            String connect = profile.environmentVariable("CONNECT_TIMEOUT");
            connectTimeout = Setting.of(
                    "--connect-timeout",
                    "SECS",
                    connect,
                    Duration.class,
                    Converters::seconds,
                    "Time to connect to the API (env " + connect + ", default "
                            + ServerConfig.DEFAULT_CONNECT_TIMEOUT.toSeconds() + "; decimals allowed)");
            String read = profile.environmentVariable("READ_TIMEOUT");
            readTimeout = Setting.of(
                    "--read-timeout",
                    "SECS",
                    read,
                    Duration.class,
                    Converters::seconds,
                    "Time to wait for the API's answer (env " + read + ", default "
                            + ServerConfig.DEFAULT_READ_TIMEOUT.toSeconds() + ")");
        }

        @Override
        public void addTo(CommandSpec command) {
            upstream.addTo(command);
            connectTimeout.addTo(command);
            readTimeout.addTo(command);
        }
    }

    /** How the tools are shown, and how large a result may be. */
    static final class Tools implements Group {
        final Setting<ToolExposure> toolExposure;
        final Setting<Integer> maxResultBytes;
        final Setting<Boolean> searchTools;

        Tools(VendorProfile profile) {
            String exposure = profile.environmentVariable("MCP_TOOL_EXPOSURE");
            toolExposure = Setting.of(
                    "--tool-exposure",
                    "MODE",
                    exposure,
                    ToolExposure.class,
                    Converters::toolExposure,
                    Arrays.stream(ToolExposure.values())
                            .map(ToolExposure::label)
                            .toList(),
                    "all: list every tool; discovery: only search, schema and call meta-tools, for clients that"
                            + " cannot afford the whole list (env " + exposure + ", default all; scoped URLs have"
                            + " their own)");
            String resultBytes = profile.environmentVariable("MCP_MAX_RESULT_BYTES");
            maxResultBytes = Setting.of(
                    "--max-result-bytes",
                    "N",
                    resultBytes,
                    Integer.class,
                    what -> Converters.wholeNumber(
                            what, ServerConfig.MIN_MAX_RESULT_BYTES, ServerConfig.MAX_MAX_RESULT_BYTES),
                    "Largest tool result, in bytes of JSON; longer lists are cut between records (env " + resultBytes
                            + ", default " + ServerConfig.DEFAULT_MAX_RESULT_BYTES + ")");
            String search = profile.environmentVariable("MCP_SEARCH_TOOLS");
            searchTools = Setting.flag(
                    "--search-tools",
                    search,
                    true,
                    false,
                    "The search and fetch tools that ChatGPT's deep research uses, listed to every caller whose"
                            + " scope may list what they search, in either tool exposure; --no-search-tools leaves"
                            + " them out (env " + search + "=false; default on)");
        }

        @Override
        public void addTo(CommandSpec command) {
            toolExposure.addTo(command);
            maxResultBytes.addTo(command);
            searchTools.addTo(command);
        }
    }

    /** How much work requests, clients and URLs may cause. */
    static final class Limits implements Group {
        final Setting<Integer> maxRequestBytes;
        final Setting<Duration> requestTimeout;
        final Setting<Integer> maxConcurrentCalls;
        final Setting<Integer> maxCallsPerMinute;
        final Setting<Integer> maxUpstreamResponseBytes;
        final Setting<Integer> maxConnections;
        final Setting<Integer> maxConnectionsPerClient;

        Limits(VendorProfile profile) {
            String requestBytes = profile.environmentVariable("MCP_MAX_REQUEST_BYTES");
            maxRequestBytes = Setting.of(
                    "--max-request-bytes",
                    "N",
                    requestBytes,
                    Integer.class,
                    what -> Converters.wholeNumber(
                            what, RequestLimits.MIN_MAX_REQUEST_BYTES, RequestLimits.MAX_MAX_REQUEST_BYTES),
                    "Largest request body; larger ones are answered 413 (env " + requestBytes + ", default "
                            + RequestLimits.DEFAULT_MAX_REQUEST_BYTES + ")");
            String timeout = profile.environmentVariable("MCP_REQUEST_TIMEOUT");
            requestTimeout = Setting.of(
                    "--request-timeout",
                    "SECS",
                    timeout,
                    Duration.class,
                    what -> Converters.seconds(
                            what, RequestLimits.MIN_REQUEST_TIMEOUT, RequestLimits.MAX_REQUEST_TIMEOUT, "10"),
                    "Time a client has to send a request's headers, and again its body, in full; slower clients"
                            + " are disconnected (env " + timeout + ", default "
                            + RequestLimits.DEFAULT_REQUEST_TIMEOUT.toSeconds() + ")");
            String concurrent = profile.environmentVariable("MCP_MAX_CONCURRENT_CALLS");
            maxConcurrentCalls = Setting.of(
                    "--max-concurrent-calls",
                    "N",
                    concurrent,
                    Integer.class,
                    what -> Converters.wholeNumber(what, 1, RequestLimits.MAX_MAX_CONCURRENT_CALLS),
                    "Tool calls running at once in this process; more are refused as rate_limited with"
                            + " retry_after_seconds, not queued (env " + concurrent + ", default "
                            + RequestLimits.DEFAULT_MAX_CONCURRENT_CALLS + ")");
            String perMinute = profile.environmentVariable("MCP_MAX_CALLS_PER_MINUTE");
            maxCallsPerMinute = Setting.of(
                    "--max-calls-per-minute",
                    "N",
                    perMinute,
                    Integer.class,
                    what -> Converters.wholeNumber(what, 0, RequestLimits.MAX_MAX_CALLS_PER_MINUTE),
                    "Tool calls per minute of each URL that sets no limit of its own, and of /mcp; 0 for none (env "
                            + perMinute + ", default " + RequestLimits.DEFAULT_MAX_CALLS_PER_MINUTE
                            + "); counted per replica");
            String upstreamBytes = profile.environmentVariable("MCP_MAX_UPSTREAM_RESPONSE_BYTES");
            maxUpstreamResponseBytes = Setting.of(
                    "--max-upstream-response-bytes",
                    "N",
                    upstreamBytes,
                    Integer.class,
                    what -> Converters.wholeNumber(
                            what,
                            RequestLimits.MIN_MAX_UPSTREAM_RESPONSE_BYTES,
                            RequestLimits.MAX_MAX_UPSTREAM_RESPONSE_BYTES),
                    "Largest answer read from the " + profile.displayName() + " API; larger ones are refused as"
                            + " upstream_invalid_response (env " + upstreamBytes + ", default "
                            + RequestLimits.DEFAULT_MAX_UPSTREAM_RESPONSE_BYTES + ")");
            String connections = profile.environmentVariable("MCP_MAX_CONNECTIONS");
            maxConnections = Setting.of(
                    "--max-connections",
                    "N",
                    connections,
                    Integer.class,
                    what -> Converters.wholeNumber(what, 1, RequestLimits.MAX_MAX_CONNECTIONS),
                    "Open HTTP connections at most; beyond them new ones wait to be accepted (env " + connections
                            + ", default " + RequestLimits.DEFAULT_MAX_CONNECTIONS + ")");
            String perClient = profile.environmentVariable("MCP_MAX_CONNECTIONS_PER_CLIENT");
            maxConnectionsPerClient = Setting.of(
                    "--max-connections-per-client",
                    "N",
                    perClient,
                    Integer.class,
                    what -> Converters.wholeNumber(what, 1, RequestLimits.MAX_MAX_CONNECTIONS),
                    "Open HTTP connections of one client address at most, more are closed at once; behind a"
                            + " proxy every client is the proxy, so raise it there (env " + perClient
                            + ", default a quarter of --max-connections)");
        }

        @Override
        public void addTo(CommandSpec command) {
            maxRequestBytes.addTo(command);
            requestTimeout.addTo(command);
            maxConcurrentCalls.addTo(command);
            maxCallsPerMinute.addTo(command);
            maxUpstreamResponseBytes.addTo(command);
            maxConnections.addTo(command);
            maxConnectionsPerClient.addTo(command);
        }
    }

    /** The HTTP listener and who may address it. */
    static final class Http implements Group {
        final Setting<Integer> port;
        final Setting<String> host;
        final Setting<List<String>> allowedHosts;
        final Setting<List<String>> allowedOrigins;
        final Setting<Boolean> trustForwardedHeaders;

        Http(VendorProfile profile) {
            String portVariable = profile.environmentVariable("MCP_PORT");
            port = Setting.of(
                    "--port",
                    "N",
                    portVariable,
                    Integer.class,
                    Converters::port,
                    "Port to listen on (env " + portVariable + ", default " + ServerConfig.DEFAULT_PORT
                            + "; 0 picks a free port)");
            String hostVariable = profile.environmentVariable("MCP_HOST");
            host = Setting.of(
                    "--host",
                    "ADDR",
                    hostVariable,
                    String.class,
                    what -> text -> text,
                    "Address to bind (env " + hostVariable + ", default " + ServerConfig.DEFAULT_HOST
                            + "; 0.0.0.0 for all)");
            String hosts = profile.environmentVariable("MCP_ALLOWED_HOSTS");
            allowedHosts = Setting.list(
                    "--allowed-host",
                    "HOST",
                    hosts,
                    "Also accept this Host header, e.g. mcp.example.com or 10.0.0.5:8080; repeatable (env " + hosts
                            + ", comma-separated)");
            String origins = profile.environmentVariable("MCP_ALLOWED_ORIGINS");
            allowedOrigins = Setting.list(
                    "--allowed-origin",
                    "ORIGIN",
                    origins,
                    "Also accept this Origin header, e.g. https://app.example.com; repeatable (env " + origins
                            + ", comma-separated)");
            String forwarded = profile.environmentVariable("MCP_TRUST_FORWARDED_HEADERS");
            trustForwardedHeaders = Setting.flag(
                    "--trust-forwarded-headers",
                    forwarded,
                    false,
                    false,
                    "Take the client's address from the reverse proxy's Forwarded / X-Forwarded-For headers, so"
                            + " that per-address limits see the client; only when every request comes through a"
                            + " proxy that sets them (env " + forwarded + "=true)");
        }

        @Override
        public void addTo(CommandSpec command) {
            port.addTo(command);
            host.addTo(command);
            allowedHosts.addTo(command);
            allowedOrigins.addTo(command);
            trustForwardedHeaders.addTo(command);
        }
    }

    /** The URL clients use; scoped URLs are spelled with it. */
    static final class PublicUrl implements Group {
        final Setting<URI> publicUrl;

        PublicUrl(VendorProfile profile) {
            String variable = profile.environmentVariable("MCP_PUBLIC_URL");
            publicUrl = Setting.of(
                    "--public-url",
                    "URL",
                    variable,
                    URI.class,
                    Converters::httpUrl,
                    "The URL clients reach this server at through a proxy or tunnel, e.g. https://mcp.example.com"
                            + " (env " + variable + "); its host is allowed, and scoped URLs are spelled with it");
        }

        @Override
        public void addTo(CommandSpec command) {
            publicUrl.addTo(command);
        }
    }

    /** The OAuth authorization server of {@code serve}. */
    static final class OAuth implements Group {
        final Setting<Boolean> oauth;
        final Setting<List<String>> redirectHosts;
        final Setting<Boolean> allowPrivateClientMetadata;

        OAuth(VendorProfile profile) {
            String on = profile.environmentVariable("MCP_OAUTH");
            oauth = Setting.flag(
                    "--oauth",
                    on,
                    false,
                    false,
                    "Make /mcp an OAuth-protected resource: a person connects a client such as ChatGPT with their"
                            + " own " + profile.displayName() + " API key on a consent page (needs --public-url;"
                            + " env " + on + "=true). Scoped URLs keep working beside it; see docs/oauth.md");
            String hosts = profile.environmentVariable("MCP_OAUTH_REDIRECT_HOSTS");
            redirectHosts = Setting.list(
                    "--oauth-redirect-hosts",
                    "HOST",
                    hosts,
                    "The only hosts OAuth clients may send a person back to, e.g. chatgpt.com or *.example.com,"
                            + " or a private-use scheme such as myapp:; repeatable (env " + hosts
                            + ", comma-separated; default: any https host, and http to loopback)");
            String unsafe = profile.environmentVariable("MCP_UNSAFE_OAUTH_PRIVATE_CLIENT_METADATA");
            allowPrivateClientMetadata = Setting.flag(
                    "--unsafe-oauth-private-client-metadata",
                    unsafe,
                    false,
                    true,
                    "UNSAFE, for tests on one machine: fetch client metadata documents from loopback and private"
                            + " addresses and over http (env " + unsafe + ")");
        }

        @Override
        public void addTo(CommandSpec command) {
            oauth.addTo(command);
            redirectHosts.addTo(command);
            allowPrivateClientMetadata.addTo(command);
        }
    }

    /** Where the store is, and its encryption key. */
    static final class Store implements Group {
        final Setting<Path> dataDir;
        final Setting<String> dbUrl;
        private final OptionSpec encryptionKeyFile;

        Store(VendorProfile profile) {
            String dir = profile.environmentVariable("MCP_DATA_DIR");
            dataDir = Setting.of(
                    "--data-dir",
                    "DIR",
                    dir,
                    Path.class,
                    Converters::path,
                    "Directory of the embedded database and its key file (env " + dir + ", default ./"
                            + ConfigReader.DEFAULT_DATA_DIR + ")");
            String db = profile.environmentVariable("MCP_DB_URL");
            dbUrl = Setting.of(
                    "--db-url",
                    "JDBC_URL",
                    db,
                    String.class,
                    Converters::jdbcUrl,
                    "Use this database instead of the embedded one, e.g. jdbc:postgresql://db/mcp (env " + db
                            + "; user and password from " + profile.environmentVariable("MCP_DB_USER") + " and "
                            + profile.environmentVariable("MCP_DB_PASSWORD") + ")");
            // The key file has no variable of its own: the variable beside it holds the key itself.
            encryptionKeyFile = OptionSpec.builder("--encryption-key-file")
                    .paramLabel("FILE")
                    .type(Path.class)
                    .converters(Converters.path("--encryption-key-file"))
                    .description("File holding the base64 key that encrypts stored API keys (instead of env "
                            + profile.environmentVariable("MCP_ENCRYPTION_KEY")
                            + "; default: DIR/encryption.key, created for a new store)")
                    .build();
        }

        /** The key file named on the command line, if any. */
        Optional<Path> encryptionKeyFile() {
            return Optional.ofNullable(encryptionKeyFile.getValue());
        }

        @Override
        public void addTo(CommandSpec command) {
            dataDir.addTo(command);
            dbUrl.addTo(command);
            command.addOption(encryptionKeyFile);
        }
    }

    /** The admin API's listener. */
    static final class Admin implements Group {
        final Setting<Integer> adminPort;
        final Setting<String> adminHost;

        Admin(VendorProfile profile) {
            String portVariable = profile.environmentVariable("MCP_ADMIN_PORT");
            adminPort = Setting.of(
                    "--admin-port",
                    "N",
                    portVariable,
                    Integer.class,
                    Converters::port,
                    "Port of the admin API (env " + portVariable + ", default " + AdminConfig.DEFAULT_PORT
                            + "); it runs only when " + profile.environmentVariable("MCP_ADMIN_TOKEN") + " is set");
            String hostVariable = profile.environmentVariable("MCP_ADMIN_HOST");
            adminHost = Setting.of(
                    "--admin-host",
                    "ADDR",
                    hostVariable,
                    String.class,
                    what -> text -> text,
                    "Address the admin API binds (env " + hostVariable + ", default " + AdminConfig.DEFAULT_HOST + ")");
        }

        @Override
        public void addTo(CommandSpec command) {
            adminPort.addTo(command);
            adminHost.addTo(command);
        }
    }

    /** Output for scripts. */
    static final class Json implements Group {
        private final OptionSpec json = Commands.flag("--json", "Print JSON");

        boolean json() {
            return Commands.given(json);
        }

        @Override
        public void addTo(CommandSpec command) {
            command.addOption(json);
        }
    }

    /** When something expires. */
    static final class Expiry implements Group {
        private final OptionSpec expiresAt = Commands.text(
                "--expires-at", "TIME", "When it stops working: ISO 8601 with an offset, e.g. 2026-12-31T18:00:00Z");
        private final OptionSpec expiresIn = OptionSpec.builder("--expires-in")
                .paramLabel("DURATION")
                .type(Duration.class)
                .converters(Converters.duration("--expires-in"))
                .description("When it stops working, from now: e.g. 90m, 24h, 7d")
                .build();

        /** {@code --expires-at} as given: the admin service judges it, with the other fields. */
        Optional<String> at() {
            return Optional.ofNullable(expiresAt.getValue());
        }

        Optional<Duration> in() {
            return Optional.ofNullable(expiresIn.getValue());
        }

        @Override
        public void addTo(CommandSpec command) {
            command.addOption(expiresAt);
            command.addOption(expiresIn);
        }
    }
}

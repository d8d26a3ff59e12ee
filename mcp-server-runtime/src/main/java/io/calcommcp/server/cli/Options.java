package io.calcommcp.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The option groups commands share, as picocli mixins. Fields stay null when a flag is not given,
 * so {@link ConfigReader} can fall back to the environment and then to the default; help texts
 * name the variables through {@code ${bundle:...}}, filled from the vendor profile.
 */
final class Options {

    private Options() {}

    /** Where the API is and how long to wait for it. */
    static final class Upstream {
        @Option(
                names = "--upstream",
                paramLabel = "URL",
                description = "${bundle:api} API base URL (env ${bundle:env}_API_BASE_URL, ${bundle:base.default})")
        String upstream;

        @Option(
                names = "--connect-timeout",
                paramLabel = "SECS",
                description =
                        "Time to connect to the API (env ${bundle:env}_CONNECT_TIMEOUT, default 10; decimals allowed)")
        String connectTimeout;

        @Option(
                names = "--read-timeout",
                paramLabel = "SECS",
                description = "Time to wait for the API's answer (env ${bundle:env}_READ_TIMEOUT, default 30)")
        String readTimeout;
    }

    /** How the tools are shown, and how large a result may be. */
    static final class Tools {
        @Option(
                names = "--tool-exposure",
                paramLabel = "MODE",
                description = "all: list every tool; discovery: only search, schema and call meta-tools, for clients"
                        + " that cannot afford the whole list (env ${bundle:env}_MCP_TOOL_EXPOSURE, default all;"
                        + " scoped URLs have their own)")
        String toolExposure;

        @Option(
                names = "--max-result-bytes",
                paramLabel = "N",
                description = "Largest tool result, in bytes of JSON; longer lists are cut between records (env"
                        + " ${bundle:env}_MCP_MAX_RESULT_BYTES, default 102400)")
        String maxResultBytes;
    }

    /** How much work requests, clients and URLs may cause. */
    static final class Limits {
        @Option(
                names = "--max-request-bytes",
                paramLabel = "N",
                description = "Largest request body; larger ones are answered 413 (env"
                        + " ${bundle:env}_MCP_MAX_REQUEST_BYTES, default 1048576)")
        String maxRequestBytes;

        @Option(
                names = "--request-timeout",
                paramLabel = "SECS",
                description = "Time a client has to send a request's headers, and again its body, in full; slower"
                        + " clients are disconnected (env ${bundle:env}_MCP_REQUEST_TIMEOUT, default 10)")
        String requestTimeout;

        @Option(
                names = "--max-concurrent-calls",
                paramLabel = "N",
                description = "Tool calls running at once in this process; more are refused as rate_limited with"
                        + " retry_after_seconds, not queued (env ${bundle:env}_MCP_MAX_CONCURRENT_CALLS, default 64)")
        String maxConcurrentCalls;

        @Option(
                names = "--max-calls-per-minute",
                paramLabel = "N",
                description = "Tool calls per minute of each URL that sets no limit of its own, and of /mcp; 0 for"
                        + " none (env ${bundle:env}_MCP_MAX_CALLS_PER_MINUTE, default 0); counted per replica")
        String maxCallsPerMinute;

        @Option(
                names = "--max-upstream-response-bytes",
                paramLabel = "N",
                description = "Largest answer read from the ${bundle:api} API; larger ones are refused as"
                        + " upstream_invalid_response (env ${bundle:env}_MCP_MAX_UPSTREAM_RESPONSE_BYTES, default"
                        + " 10485760)")
        String maxUpstreamResponseBytes;
    }

    /** The HTTP listener and who may address it. */
    static final class Http {
        @Option(
                names = "--port",
                paramLabel = "N",
                description = "Port to listen on (env ${bundle:env}_MCP_PORT, default 8080; 0 picks a free port)")
        String port;

        @Option(
                names = "--host",
                paramLabel = "ADDR",
                description = "Address to bind (env ${bundle:env}_MCP_HOST, default 127.0.0.1; 0.0.0.0 for all)")
        String host;

        @Option(
                names = "--allowed-host",
                paramLabel = "HOST",
                description = "Also accept this Host header, e.g. mcp.example.com or 10.0.0.5:8080; repeatable"
                        + " (env ${bundle:env}_MCP_ALLOWED_HOSTS, comma-separated)")
        List<String> allowedHosts = new ArrayList<>();

        @Option(
                names = "--allowed-origin",
                paramLabel = "ORIGIN",
                description = "Also accept this Origin header, e.g. https://app.example.com; repeatable"
                        + " (env ${bundle:env}_MCP_ALLOWED_ORIGINS, comma-separated)")
        List<String> allowedOrigins = new ArrayList<>();
    }

    /** The URL clients use; scoped URLs are spelled with it. */
    static final class PublicUrl {
        @Option(
                names = "--public-url",
                paramLabel = "URL",
                description = "The URL clients reach this server at through a proxy or tunnel, e.g."
                        + " https://mcp.example.com (env ${bundle:env}_MCP_PUBLIC_URL); its host is allowed, and"
                        + " scoped URLs are spelled with it")
        String publicUrl;
    }

    /** Where the store is, and its encryption key. */
    static final class Store {
        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                description = "Directory of the embedded database and its key file (env ${bundle:env}_MCP_DATA_DIR,"
                        + " default ./data)")
        Path dataDir;

        @Option(
                names = "--db-url",
                paramLabel = "JDBC_URL",
                description = "Use this database instead of the embedded one, e.g. jdbc:postgresql://db/mcp (env"
                        + " ${bundle:env}_MCP_DB_URL; user and password from ${bundle:env}_MCP_DB_USER and"
                        + " ${bundle:env}_MCP_DB_PASSWORD)")
        String dbUrl;

        @Option(
                names = "--encryption-key-file",
                paramLabel = "FILE",
                description = "File holding the base64 key that encrypts stored API keys (instead of env"
                        + " ${bundle:env}_MCP_ENCRYPTION_KEY; default: DIR/encryption.key, created for a new store)")
        Path encryptionKeyFile;
    }

    /** The admin API's listener. */
    static final class Admin {
        @Option(
                names = "--admin-port",
                paramLabel = "N",
                description = "Port of the admin API (env ${bundle:env}_MCP_ADMIN_PORT, default 8081); it runs only"
                        + " when ${bundle:env}_MCP_ADMIN_TOKEN is set")
        String adminPort;

        @Option(
                names = "--admin-host",
                paramLabel = "ADDR",
                description = "Address the admin API binds (env ${bundle:env}_MCP_ADMIN_HOST, default 127.0.0.1)")
        String adminHost;
    }

    /** Output for scripts. */
    static final class Json {
        @Option(names = "--json", description = "Print JSON")
        boolean json;
    }

    /** When something expires. */
    static final class Expiry {
        @Option(
                names = "--expires-at",
                paramLabel = "TIME",
                description = "When it stops working: ISO 8601 with an offset, e.g. 2026-12-31T18:00:00Z")
        String expiresAt;

        @Option(
                names = "--expires-in",
                paramLabel = "DURATION",
                description = "When it stops working, from now: e.g. 90m, 24h, 7d")
        String expiresIn;
    }
}

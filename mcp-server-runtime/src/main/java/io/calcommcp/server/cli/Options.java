package io.calcommcp.server.cli;

import io.calcommcp.server.cli.args.OptionSpec;
import io.calcommcp.server.cli.args.ParsedArguments;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The option groups commands share: each declares its options and reads their values into fields.
 * Fields stay null when a flag is not given, so {@link ConfigReader} can fall back to the
 * environment and then to the default; help texts name the variables through {@code ${env}},
 * filled from the vendor profile.
 */
final class Options {

    private Options() {}

    /** Where the API is and how long to wait for it. */
    static final class Upstream {
        static final OptionSpec UPSTREAM =
                OptionSpec.value("--upstream", "URL", "${api} API base URL (env ${env}_API_BASE_URL, ${base.default})");
        static final OptionSpec CONNECT_TIMEOUT = OptionSpec.value(
                "--connect-timeout",
                "SECS",
                "Time to connect to the API (env ${env}_CONNECT_TIMEOUT, default 10; decimals allowed)");
        static final OptionSpec READ_TIMEOUT = OptionSpec.value(
                "--read-timeout", "SECS", "Time to wait for the API's answer (env ${env}_READ_TIMEOUT, default 30)");
        static final List<OptionSpec> OPTIONS = List.of(UPSTREAM, CONNECT_TIMEOUT, READ_TIMEOUT);

        String upstream;
        String connectTimeout;
        String readTimeout;

        static Upstream from(ParsedArguments arguments) {
            Upstream options = new Upstream();
            options.upstream = arguments.value(UPSTREAM);
            options.connectTimeout = arguments.value(CONNECT_TIMEOUT);
            options.readTimeout = arguments.value(READ_TIMEOUT);
            return options;
        }
    }

    /** How the tools are shown, and how large a result may be. */
    static final class Tools {
        static final OptionSpec TOOL_EXPOSURE = OptionSpec.value(
                "--tool-exposure",
                "MODE",
                "all: list every tool; discovery: only search, schema and call meta-tools, for clients that"
                        + " cannot afford the whole list (env ${env}_MCP_TOOL_EXPOSURE, default all; scoped URLs"
                        + " have their own)");
        static final OptionSpec MAX_RESULT_BYTES = OptionSpec.value(
                "--max-result-bytes",
                "N",
                "Largest tool result, in bytes of JSON; longer lists are cut between records (env"
                        + " ${env}_MCP_MAX_RESULT_BYTES, default 102400)");
        static final List<OptionSpec> OPTIONS = List.of(TOOL_EXPOSURE, MAX_RESULT_BYTES);

        String toolExposure;
        String maxResultBytes;

        static Tools from(ParsedArguments arguments) {
            Tools options = new Tools();
            options.toolExposure = arguments.value(TOOL_EXPOSURE);
            options.maxResultBytes = arguments.value(MAX_RESULT_BYTES);
            return options;
        }
    }

    /** How much work requests, clients and URLs may cause. */
    static final class Limits {
        static final OptionSpec MAX_REQUEST_BYTES = OptionSpec.value(
                "--max-request-bytes",
                "N",
                "Largest request body; larger ones are answered 413 (env ${env}_MCP_MAX_REQUEST_BYTES, default"
                        + " 1048576)");
        static final OptionSpec REQUEST_TIMEOUT = OptionSpec.value(
                "--request-timeout",
                "SECS",
                "Time a client has to send a request's headers, and again its body, in full; slower clients are"
                        + " disconnected (env ${env}_MCP_REQUEST_TIMEOUT, default 10)");
        static final OptionSpec MAX_CONCURRENT_CALLS = OptionSpec.value(
                "--max-concurrent-calls",
                "N",
                "Tool calls running at once in this process; more are refused as rate_limited with"
                        + " retry_after_seconds, not queued (env ${env}_MCP_MAX_CONCURRENT_CALLS, default 64)");
        static final OptionSpec MAX_CALLS_PER_MINUTE = OptionSpec.value(
                "--max-calls-per-minute",
                "N",
                "Tool calls per minute of each URL that sets no limit of its own, and of /mcp; 0 for none (env"
                        + " ${env}_MCP_MAX_CALLS_PER_MINUTE, default 0); counted per replica");
        static final OptionSpec MAX_UPSTREAM_RESPONSE_BYTES = OptionSpec.value(
                "--max-upstream-response-bytes",
                "N",
                "Largest answer read from the ${api} API; larger ones are refused as upstream_invalid_response"
                        + " (env ${env}_MCP_MAX_UPSTREAM_RESPONSE_BYTES, default 10485760)");
        static final List<OptionSpec> OPTIONS = List.of(
                MAX_REQUEST_BYTES,
                REQUEST_TIMEOUT,
                MAX_CONCURRENT_CALLS,
                MAX_CALLS_PER_MINUTE,
                MAX_UPSTREAM_RESPONSE_BYTES);

        String maxRequestBytes;
        String requestTimeout;
        String maxConcurrentCalls;
        String maxCallsPerMinute;
        String maxUpstreamResponseBytes;

        static Limits from(ParsedArguments arguments) {
            Limits options = new Limits();
            options.maxRequestBytes = arguments.value(MAX_REQUEST_BYTES);
            options.requestTimeout = arguments.value(REQUEST_TIMEOUT);
            options.maxConcurrentCalls = arguments.value(MAX_CONCURRENT_CALLS);
            options.maxCallsPerMinute = arguments.value(MAX_CALLS_PER_MINUTE);
            options.maxUpstreamResponseBytes = arguments.value(MAX_UPSTREAM_RESPONSE_BYTES);
            return options;
        }
    }

    /** The HTTP listener and who may address it. */
    static final class Http {
        static final OptionSpec PORT = OptionSpec.value(
                "--port", "N", "Port to listen on (env ${env}_MCP_PORT, default 8080; 0 picks a free port)");
        static final OptionSpec HOST = OptionSpec.value(
                "--host", "ADDR", "Address to bind (env ${env}_MCP_HOST, default 127.0.0.1; 0.0.0.0 for all)");
        static final OptionSpec ALLOWED_HOST = OptionSpec.repeatable(
                "--allowed-host",
                "HOST",
                "Also accept this Host header, e.g. mcp.example.com or 10.0.0.5:8080; repeatable (env"
                        + " ${env}_MCP_ALLOWED_HOSTS, comma-separated)");
        static final OptionSpec ALLOWED_ORIGIN = OptionSpec.repeatable(
                "--allowed-origin",
                "ORIGIN",
                "Also accept this Origin header, e.g. https://app.example.com; repeatable (env"
                        + " ${env}_MCP_ALLOWED_ORIGINS, comma-separated)");
        static final List<OptionSpec> OPTIONS = List.of(PORT, HOST, ALLOWED_HOST, ALLOWED_ORIGIN);

        String port;
        String host;
        List<String> allowedHosts = new ArrayList<>();
        List<String> allowedOrigins = new ArrayList<>();

        static Http from(ParsedArguments arguments) {
            Http options = new Http();
            options.port = arguments.value(PORT);
            options.host = arguments.value(HOST);
            options.allowedHosts = new ArrayList<>(arguments.values(ALLOWED_HOST));
            options.allowedOrigins = new ArrayList<>(arguments.values(ALLOWED_ORIGIN));
            return options;
        }
    }

    /** The URL clients use; scoped URLs are spelled with it. */
    static final class PublicUrl {
        static final OptionSpec PUBLIC_URL = OptionSpec.value(
                "--public-url",
                "URL",
                "The URL clients reach this server at through a proxy or tunnel, e.g. https://mcp.example.com"
                        + " (env ${env}_MCP_PUBLIC_URL); its host is allowed, and scoped URLs are spelled with it");
        static final List<OptionSpec> OPTIONS = List.of(PUBLIC_URL);

        String publicUrl;

        static PublicUrl from(ParsedArguments arguments) {
            PublicUrl options = new PublicUrl();
            options.publicUrl = arguments.value(PUBLIC_URL);
            return options;
        }
    }

    /** Where the store is, and its encryption key. */
    static final class Store {
        static final OptionSpec DATA_DIR = OptionSpec.value(
                "--data-dir",
                "DIR",
                "Directory of the embedded database and its key file (env ${env}_MCP_DATA_DIR, default ./data)");
        static final OptionSpec DB_URL = OptionSpec.value(
                "--db-url",
                "JDBC_URL",
                "Use this database instead of the embedded one, e.g. jdbc:postgresql://db/mcp (env"
                        + " ${env}_MCP_DB_URL; user and password from ${env}_MCP_DB_USER and"
                        + " ${env}_MCP_DB_PASSWORD)");
        static final OptionSpec ENCRYPTION_KEY_FILE = OptionSpec.value(
                "--encryption-key-file",
                "FILE",
                "File holding the base64 key that encrypts stored API keys (instead of env"
                        + " ${env}_MCP_ENCRYPTION_KEY; default: DIR/encryption.key, created for a new store)");
        static final List<OptionSpec> OPTIONS = List.of(DATA_DIR, DB_URL, ENCRYPTION_KEY_FILE);

        Path dataDir;
        String dbUrl;
        Path encryptionKeyFile;

        static Store from(ParsedArguments arguments) throws UsageException {
            Store options = new Store();
            options.dataDir = path(arguments, DATA_DIR);
            options.dbUrl = arguments.value(DB_URL);
            options.encryptionKeyFile = path(arguments, ENCRYPTION_KEY_FILE);
            return options;
        }

        private static Path path(ParsedArguments arguments, OptionSpec option) throws UsageException {
            String text = arguments.value(option);
            if (text == null) {
                return null;
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new UsageException(option.name() + ": '" + text + "' is not a file name: " + e.getReason() + ".");
            }
        }
    }

    /** The admin API's listener. */
    static final class Admin {
        static final OptionSpec ADMIN_PORT = OptionSpec.value(
                "--admin-port",
                "N",
                "Port of the admin API (env ${env}_MCP_ADMIN_PORT, default 8081); it runs only when"
                        + " ${env}_MCP_ADMIN_TOKEN is set");
        static final OptionSpec ADMIN_HOST = OptionSpec.value(
                "--admin-host", "ADDR", "Address the admin API binds (env ${env}_MCP_ADMIN_HOST, default 127.0.0.1)");
        static final List<OptionSpec> OPTIONS = List.of(ADMIN_PORT, ADMIN_HOST);

        String adminPort;
        String adminHost;

        static Admin from(ParsedArguments arguments) {
            Admin options = new Admin();
            options.adminPort = arguments.value(ADMIN_PORT);
            options.adminHost = arguments.value(ADMIN_HOST);
            return options;
        }
    }

    /** Output for scripts. */
    static final class Json {
        static final OptionSpec JSON = OptionSpec.flag("--json", "Print JSON");
        static final List<OptionSpec> OPTIONS = List.of(JSON);

        boolean json;

        static Json from(ParsedArguments arguments) {
            Json options = new Json();
            options.json = arguments.flag(JSON);
            return options;
        }
    }

    /** When something expires. */
    static final class Expiry {
        static final OptionSpec EXPIRES_AT = OptionSpec.value(
                "--expires-at", "TIME", "When it stops working: ISO 8601 with an offset, e.g. 2026-12-31T18:00:00Z");
        static final OptionSpec EXPIRES_IN =
                OptionSpec.value("--expires-in", "DURATION", "When it stops working, from now: e.g. 90m, 24h, 7d");
        static final List<OptionSpec> OPTIONS = List.of(EXPIRES_AT, EXPIRES_IN);

        String expiresAt;
        String expiresIn;

        static Expiry from(ParsedArguments arguments) {
            Expiry options = new Expiry();
            options.expiresAt = arguments.value(EXPIRES_AT);
            options.expiresIn = arguments.value(EXPIRES_IN);
            return options;
        }
    }
}

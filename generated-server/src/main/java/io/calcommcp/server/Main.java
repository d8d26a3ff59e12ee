package io.calcommcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.cli.ConfigReader;
import io.calcommcp.server.cli.ParsedArguments;
import io.calcommcp.server.cli.ToolListing;
import io.calcommcp.server.cli.UsageException;
import io.calcommcp.server.execution.ToolExecutor;
import io.calcommcp.server.http.HttpMcpServer;
import io.calcommcp.server.upstream.DisplayUrl;
import io.calcommcp.server.upstream.UpstreamClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The command line of {@code calcom-mcp-server.jar}: {@code serve}, {@code stdio}, {@code tools}. */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar calcom-mcp-server.jar <command> [options]

            An MCP server for the Cal.com API v2, with one tool per Cal.com operation.

            Commands:
              serve    Serve MCP over Streamable HTTP at /mcp (for ChatGPT and other remote clients)
              stdio    Serve MCP over stdin/stdout (for clients that launch the server themselves)
              tools    Print the tools this server offers

            Run 'java -jar calcom-mcp-server.jar <command> --help' for a command's options.
            """;

    private static final String UPSTREAM_HELP = """
              --upstream URL           Cal.com API base URL (env CALCOM_API_BASE_URL, default https://api.cal.com)
              --connect-timeout SECS   Time to connect to the API (env CALCOM_CONNECT_TIMEOUT, default 10)
              --read-timeout SECS      Time to wait for the API's answer (env CALCOM_READ_TIMEOUT, default 30)
              --help                   Show this help

            Environment:
              CALCOM_API_KEY           Required. The Cal.com API key (cal_live_... or cal_...); sent to Cal.com as
                                       'Authorization: Bearer <key>', never shown to the model, never logged.
            """;

    private static final String SERVE_USAGE = """
            Usage: java -jar calcom-mcp-server.jar serve [options]

            Serves MCP over Streamable HTTP at http://HOST:PORT/mcp, stateless (no sessions), so any
            number of replicas can sit behind a load balancer. Prints the URL to paste into ChatGPT.

            Options:
              --port N                 Port to listen on (env CALCOM_MCP_PORT, default 8080; 0 picks a free port)
              --host ADDR              Address to bind (env CALCOM_MCP_HOST, default 127.0.0.1; 0.0.0.0 for all)
              --public-url URL         The URL clients reach this server at through a proxy or tunnel, e.g.
                                       https://mcp.example.com (env CALCOM_MCP_PUBLIC_URL); its host is allowed
              --allowed-host HOST      Also accept this Host header, e.g. mcp.example.com or 10.0.0.5:8080;
                                       repeatable (env CALCOM_MCP_ALLOWED_HOSTS, comma-separated)
              --allowed-origin ORIGIN  Also accept this Origin header, e.g. https://app.example.com; repeatable
                                       (env CALCOM_MCP_ALLOWED_ORIGINS, comma-separated)
            """ + UPSTREAM_HELP;

    private static final String STDIO_USAGE = """
            Usage: java -jar calcom-mcp-server.jar stdio [options]

            Serves MCP over stdin/stdout until stdin closes. Logs go to stderr only.

            Options:
            """ + UPSTREAM_HELP;

    private static final String TOOLS_USAGE = """
            Usage: java -jar calcom-mcp-server.jar tools [--json]

            Prints the tools this server offers: one line each (name, access, method, path), or with
            --json a JSON array of objects with name, title, description, operationId, method, path,
            access, tags, annotations and inputSchema. Needs no API key.

            Options:
              --json    Print JSON
              --help    Show this help
            """;

    private Main() {}

    /** Runs a command and exits with its status: 0 success, 1 failure, 2 usage error. */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.in, System.out, System.err));
    }

    /** Runs a command; {@code serve} and {@code stdio} return only when the server stops. */
    static int run(List<String> args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty()
                || args.get(0).equals("--help")
                || args.get(0).equals("-h")
                || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        ObjectMapper json = new ObjectMapper();
        try {
            switch (command) {
                case "serve" -> {
                    if (wantsHelp(rest)) {
                        out.print(SERVE_USAGE);
                        return 0;
                    }
                    return serve(
                            parse(
                                    command,
                                    rest,
                                    union(ConfigReader.UPSTREAM_OPTIONS, ConfigReader.HTTP_OPTIONS),
                                    Set.of()),
                            env,
                            out,
                            err,
                            json);
                }
                case "stdio" -> {
                    if (wantsHelp(rest)) {
                        out.print(STDIO_USAGE);
                        return 0;
                    }
                    return stdio(
                            parse(command, rest, ConfigReader.UPSTREAM_OPTIONS, Set.of()), env, in, out, err, json);
                }
                case "tools" -> {
                    if (wantsHelp(rest)) {
                        out.print(TOOLS_USAGE);
                        return 0;
                    }
                    ParsedArguments options = parse(command, rest, Set.of(), Set.of("json"));
                    ToolSurface surface = ToolSurface.load(json);
                    out.print(
                            options.has("json")
                                    ? ToolListing.json(surface.tools(), json) + "\n"
                                    : ToolListing.table(surface.tools()));
                    return 0;
                }
                default ->
                    throw new UsageException("Unknown command '" + command + "'. Commands: serve, stdio, tools.");
            }
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int serve(
            ParsedArguments options, Map<String, String> env, PrintStream out, PrintStream err, ObjectMapper json)
            throws UsageException, IOException, InterruptedException {
        long start = System.nanoTime();
        ServerConfig config = new ConfigReader(env).read(options);
        StructuredLog log = new StructuredLog(err, json);
        ToolSurface surface = ToolSurface.load(json);
        ToolExecutor executor = new ToolExecutor(json, upstream(config), log);
        HttpMcpServer server = HttpMcpServer.start(config, surface, executor, json);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "calcom-mcp-shutdown"));

        URI local = server.localUrl();
        long startupMillis = (System.nanoTime() - start) / 1_000_000;
        log.info(
                "server_started",
                line -> line.put("transport", "streamable-http-stateless")
                        .put("url", local.toString())
                        .put("tools", surface.tools().size())
                        .put("upstream", DisplayUrl.of(config.upstream()))
                        .put("startup_ms", startupMillis));
        out.println("Cal.com MCP server " + ToolSurface.version() + ": "
                + surface.tools().size() + " tools, upstream " + DisplayUrl.of(config.upstream()));
        out.println("MCP URL: " + local);
        if (!isLoopback(config.host())
                && config.publicUrl().isEmpty()
                && config.allowedHosts().isEmpty()) {
            out.println("Note: bound to " + config.host()
                    + ", but only requests addressed to localhost/127.0.0.1 are accepted"
                    + " (DNS-rebinding protection). Add --public-url or --allowed-host with the name clients use.");
        }
        if (config.publicUrl().isPresent()) {
            out.println("Paste this URL into ChatGPT (Settings -> Apps -> Advanced -> Developer mode): "
                    + publicMcpUrl(config.publicUrl().get()));
        } else {
            out.println("ChatGPT needs HTTPS: expose this port through a reverse proxy or tunnel, start with"
                    + " --public-url https://<your-host>, and paste https://<your-host>/mcp into ChatGPT.");
        }
        out.flush();
        new CountDownLatch(1).await(); // serve until the process is stopped; the shutdown hook closes the server
        return 0;
    }

    private static int stdio(
            ParsedArguments options,
            Map<String, String> env,
            InputStream in,
            PrintStream out,
            PrintStream err,
            ObjectMapper json)
            throws UsageException, InterruptedException {
        ServerConfig config = new ConfigReader(env).read(options);
        // stdout belongs to the protocol: anything else that prints goes to stderr instead.
        if (out == System.out) {
            System.setOut(err);
        }
        StructuredLog log = new StructuredLog(err, json);
        ToolSurface surface = ToolSurface.load(json);
        ToolExecutor executor = new ToolExecutor(json, upstream(config), log);
        log.info(
                "server_started",
                line -> line.put("transport", "stdio")
                        .put("tools", surface.tools().size())
                        .put("upstream", DisplayUrl.of(config.upstream())));
        StdioMcpServer.serveUntilEof(surface, executor, json, in, out);
        return 0;
    }

    private static UpstreamClient upstream(ServerConfig config) {
        return new UpstreamClient(
                config.upstream(),
                config.apiKey(),
                config.connectTimeout(),
                config.readTimeout(),
                ToolSurface.SERVER_NAME + "/" + ToolSurface.version());
    }

    // Shown like every other URL (no user info, query or fragment), with /mcp added to a bare host.
    static String publicMcpUrl(URI publicUrl) {
        String text = DisplayUrl.of(publicUrl);
        if (publicUrl.getPath() == null
                || publicUrl.getPath().isEmpty()
                || publicUrl.getPath().equals("/")) {
            return text.replaceAll("/$", "") + HttpMcpServer.MCP_PATH;
        }
        return text;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }

    private static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    private static ParsedArguments parse(String command, List<String> args, Set<String> valueOptions, Set<String> flags)
            throws UsageException {
        return ParsedArguments.parse(command, args, valueOptions, flags);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}

package io.calcommcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.cli.CommandHelp;
import io.calcommcp.server.cli.ConfigReader;
import io.calcommcp.server.cli.ParsedArguments;
import io.calcommcp.server.cli.ToolListing;
import io.calcommcp.server.cli.UsageException;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.HttpServerHost;
import io.calcommcp.server.http.McpHttpService;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.upstream.DisplayUrl;
import io.calcommcp.toolapi.VendorProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The command line of the server jar: {@code serve}, {@code stdio}, {@code tools}. */
public final class Main {

    /** Options shared by {@code serve} and {@code stdio}. */
    private static final Set<String> UPSTREAM_OPTIONS = Set.of("upstream", "connect-timeout", "read-timeout");

    /** Options only {@code serve} has. */
    private static final Set<String> HTTP_OPTIONS =
            Set.of("port", "host", "allowed-host", "allowed-origin", "public-url");

    private Main() {}

    /** Runs a command and exits with its status: 0 success, 1 failure, 2 usage error. */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.in, System.out, System.err));
    }

    /** Runs a command; {@code serve} and {@code stdio} return only when the server stops. */
    static int run(List<String> args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        ObjectMapper json = new ObjectMapper();
        ToolSet tools = ToolSet.prepare(ServerAssembly.loadCatalog(), json);
        String command = "java -jar " + jarName();
        CommandHelp help = new CommandHelp(tools.profile(), command);
        if (args.isEmpty()
                || args.get(0).equals("--help")
                || args.get(0).equals("-h")
                || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(help.usage());
            return args.isEmpty() ? 2 : 0;
        }
        String name = args.get(0);
        List<String> rest = args.subList(1, args.size());
        ConfigReader configs = new ConfigReader(env, tools.profile(), command);
        try {
            switch (name) {
                case "serve" -> {
                    if (wantsHelp(rest)) {
                        out.print(help.serve());
                        return 0;
                    }
                    ServerConfig config = configs.read(
                            ParsedArguments.parse(name, rest, union(UPSTREAM_OPTIONS, HTTP_OPTIONS), Set.of()));
                    return serve(config, tools, out, err, json);
                }
                case "stdio" -> {
                    if (wantsHelp(rest)) {
                        out.print(help.stdio());
                        return 0;
                    }
                    ServerConfig config = configs.read(ParsedArguments.parse(name, rest, UPSTREAM_OPTIONS, Set.of()));
                    return stdio(config, tools, in, out, err, json);
                }
                case "tools" -> {
                    if (wantsHelp(rest)) {
                        out.print(help.tools());
                        return 0;
                    }
                    ParsedArguments options = ParsedArguments.parse(name, rest, Set.of(), Set.of("json"));
                    out.print(
                            options.has("json")
                                    ? ToolListing.json(tools.tools(), json) + "\n"
                                    : ToolListing.table(tools.tools()));
                    return 0;
                }
                default -> throw new UsageException("Unknown command '" + name + "'. Commands: serve, stdio, tools.");
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

    private static int serve(ServerConfig config, ToolSet tools, PrintStream out, PrintStream err, ObjectMapper json)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        StructuredLog log = new StructuredLog(err, json);
        ServerAssembly assembly = ServerAssembly.build(config, tools, log, json);
        HttpServerHost server = assembly.startHttp();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mcp-server-shutdown"));

        URI local = localUrl(config.host(), server.port());
        long startupMillis = (System.nanoTime() - start) / 1_000_000;
        VendorProfile profile = tools.profile();
        log.info(
                "server_started",
                line -> line.put("transport", "streamable-http-stateless")
                        .put("url", local.toString())
                        .put("tools", tools.tools().size())
                        .put("upstream", DisplayUrl.of(config.upstream()))
                        .put("startup_ms", startupMillis));
        out.println(profile.displayName() + " MCP server " + ServerVersion.current() + ": "
                + tools.tools().size() + " tools, upstream " + DisplayUrl.of(config.upstream()));
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
            ServerConfig config, ToolSet tools, InputStream in, PrintStream out, PrintStream err, ObjectMapper json)
            throws InterruptedException {
        // stdout belongs to the protocol: anything else that prints goes to stderr instead.
        if (out == System.out) {
            System.setOut(err);
        }
        StructuredLog log = new StructuredLog(err, json);
        ServerAssembly assembly = ServerAssembly.build(config, tools, log, json);
        log.info(
                "server_started",
                line -> line.put("transport", "stdio")
                        .put("tools", tools.tools().size())
                        .put("upstream", DisplayUrl.of(config.upstream())));
        assembly.serveStdio(in, out);
        return 0;
    }

    /** The MCP URL on this machine, such as {@code http://127.0.0.1:8080/mcp}. */
    static URI localUrl(String host, int port) {
        String shownHost = host.equals("0.0.0.0") || host.equals("::")
                ? "127.0.0.1"
                : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shownHost + ":" + port + McpHttpService.PATH);
    }

    // Shown like every other URL (no user info, query or fragment), with /mcp added to a bare host.
    static String publicMcpUrl(URI publicUrl) {
        String text = DisplayUrl.of(publicUrl);
        if (publicUrl.getPath() == null
                || publicUrl.getPath().isEmpty()
                || publicUrl.getPath().equals("/")) {
            return text.replaceAll("/$", "") + McpHttpService.PATH;
        }
        return text;
    }

    /** The jar's file name, for examples in help texts; {@code server.jar} when run from classes. */
    private static String jarName() {
        CodeSource source = Main.class.getProtectionDomain().getCodeSource();
        if (source != null) {
            String path = source.getLocation().getPath();
            if (path.endsWith(".jar")) {
                return Path.of(path).getFileName().toString();
            }
        }
        return "server.jar";
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }

    private static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}

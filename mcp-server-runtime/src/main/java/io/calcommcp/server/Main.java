package io.calcommcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.cli.Cli;
import io.calcommcp.server.cli.CliContext;
import io.calcommcp.server.cli.Launcher;
import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.HttpHost;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.metrics.PrometheusMetrics;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.server.store.StoreException;
import io.calcommcp.server.store.StoreOpening;
import io.calcommcp.server.upstream.DisplayUrl;
import io.calcommcp.toolapi.VendorProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * The server jar's entry point: builds the context (environment, streams, the generated tools) and
 * hands the command line to {@link Cli}; {@code serve} and {@code stdio} come back here, through
 * {@link Launcher}, to be put together by {@link ServerAssembly}.
 */
public final class Main implements Launcher {

    private Main() {}

    /** Runs a command and exits with its status: 0 success, 1 failure, 2 usage error. */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.in, System.out, System.err));
    }

    /** Runs a command; {@code serve} and {@code stdio} return only when the server stops. */
    static int run(List<String> args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        ObjectMapper json = new ObjectMapper();
        ToolSet tools = ToolSet.prepare(ServerAssembly.loadCatalog(), json);
        CliContext context = new CliContext(
                env,
                in,
                out,
                err,
                tools,
                json,
                Clock.systemUTC(),
                new Main(),
                "java -jar " + jarName(),
                ServerVersion.current());
        return Cli.run(args, context);
    }

    /** When the store opens at the latest if no request needs it first (see {@link StoreOpening}). */
    static final Duration STORE_OPENS_WITHIN = Duration.ofSeconds(1);

    /** How long running calls get to finish after SIGTERM; Kubernetes waits 30 s before it kills. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    @Override
    public int serve(ServerConfig config, StoreConfig storeConfig, AdminConfig admin, CliContext context)
            throws IOException, StoreException, InterruptedException {
        StructuredLog log = new StructuredLog(context.err(), context.json());
        // The database opens after the first answer (or within a second): the first tools/list
        // needs none of it, and on one CPU the two would only slow each other down. A store that
        // does not exist yet is created only when a scoped URL first needs it; start-up checks
        // what it can of it now. The admin API is for managing the store, so it opens it at start.
        PrometheusMetrics metrics = new PrometheusMetrics();
        boolean storeWhenNeeded = storeConfig.isNew() && admin.token().isEmpty();
        StoreOpening opening;
        if (storeWhenNeeded) {
            storeConfig.checkCreatable();
            opening = StoreOpening.whenNeeded(storeConfig, context.clock(), metrics::registry);
        } else {
            opening = StoreOpening.startWithin(storeConfig, context.clock(), metrics::registry, STORE_OPENS_WITHIN);
        }
        reportWhenDone(opening, storeWhenNeeded, log, context);
        ServerAssembly assembly = ServerAssembly.build(
                config, context.tools(), Optional.of(opening), log, context.json(), context.clock(), metrics);
        List<AutoCloseable> running = new ArrayList<>();
        PrintStream out = context.out();
        VendorProfile profile = context.tools().profile();
        try {
            HttpHost listening = assembly.startHttp();
            running.add(listening);
            // Said as soon as it is true, so that a client (or a script waiting for the URL) starts now.
            out.println(profile.displayName() + " MCP server " + ServerVersion.current() + ": "
                    + context.tools().tools().size() + " tools, upstream " + DisplayUrl.of(config.upstream()));
            if (assembly.servesSingleKey()) {
                out.println("MCP URL: "
                        + McpUrls.of(Optional.empty(), config.host(), listening.port())
                                .singleKey());
            } else if (assembly.servesOAuth()) {
                // The URL clients are given is the resource its tokens are issued for: the public one.
                out.println("MCP URL: "
                        + McpUrls.of(config.publicUrl(), config.host(), listening.port())
                                .singleKey()
                        + " (OAuth)");
            }
            out.flush();
            if (!storeWhenNeeded) {
                opening.await();
            }
            if (admin.token().isPresent()) {
                int port = ((HttpHost) running.get(0)).port();
                running.add(assembly.startAdmin(admin, McpUrls.of(config.publicUrl(), config.host(), port)));
            }
        } catch (IOException | StoreException | RuntimeException e) {
            closeAll(running, assembly, opening);
            throw e;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> stopGracefully(running, assembly, opening, log), "mcp-server-shutdown"));

        HttpHost http = (HttpHost) running.get(0);
        String local = McpUrls.of(Optional.empty(), config.host(), http.port()).singleKey();
        McpUrls urls = McpUrls.of(config.publicUrl(), config.host(), http.port());
        long startupMillis = sinceLaunch();
        log.info(
                "server_started",
                line -> line.put("transport", "streamable-http-stateless")
                        .put("url", local)
                        .put("tools", context.tools().tools().size())
                        .put("upstream", DisplayUrl.of(config.upstream()))
                        .put("store", storeConfig.location().displayUrl())
                        .put("store_open", !storeWhenNeeded)
                        .put("single_key", assembly.servesSingleKey())
                        .put("oauth", assembly.servesOAuth())
                        .put("startup_ms", startupMillis));
        if (assembly.servesOAuth()) {
            out.println("OAuth: " + urls.singleKey() + " is a protected resource; people connect with their own "
                    + profile.displayName() + " API key on its consent page. Grants: the oauth-grants command"
                    + " or the admin API.");
        } else if (!assembly.servesSingleKey()) {
            out.println(
                    "No " + config.apiKeyVariable() + ": /mcp answers 404; scoped URLs serve the store's accounts.");
        }
        out.println("Scoped URLs: " + urls.pattern() + " (store: "
                + storeConfig.location().displayUrl() + (storeWhenNeeded ? ", created when first needed" : "")
                + ")");
        if (admin.token().isPresent()) {
            HttpHost adminHost = (HttpHost) running.get(1);
            out.println("Admin API: http://" + McpUrls.shownHost(admin.host()) + ":" + adminHost.port()
                    + " (Authorization: Bearer $" + admin.tokenVariable() + ")");
        } else {
            out.println("Admin API off: set " + admin.tokenVariable() + " (at least "
                    + AdminConfig.MINIMUM_TOKEN_LENGTH + " random characters) to serve it on " + admin.host() + ":"
                    + admin.port() + ", or use the accounts and mcp-servers commands.");
        }
        if (!isLoopback(config.host())
                && config.publicUrl().isEmpty()
                && config.allowedHosts().isEmpty()) {
            out.println("Note: bound to " + config.host()
                    + ", but only requests addressed to localhost/127.0.0.1 are accepted"
                    + " (DNS-rebinding protection). Add --public-url or --allowed-host with the name clients use.");
        }
        if (config.publicUrl().isPresent()) {
            out.println("Paste this URL into ChatGPT (Settings -> Apps -> Advanced -> Developer mode): "
                    + (assembly.servesOAuth()
                            ? urls.singleKey() + ", with OAuth as its authentication"
                            : assembly.servesSingleKey() ? urls.singleKey() : "the scoped URL of an MCP server"));
        } else {
            out.println("ChatGPT needs HTTPS: expose this port through a reverse proxy or tunnel, start with"
                    + " --public-url https://<your-host>, and paste https://<your-host>/mcp"
                    + (assembly.servesSingleKey() ? "" : "/<token>") + " into ChatGPT.");
        }
        out.flush();
        new CountDownLatch(1).await(); // serve until the process is stopped; the shutdown hook closes the server
        return 0;
    }

    @Override
    public int stdio(ServerConfig config, CliContext context) throws InterruptedException {
        PrintStream err = context.err();
        // stdout belongs to the protocol: anything else that prints goes to stderr instead.
        if (context.out() == System.out) {
            System.setOut(err);
        }
        StructuredLog log = new StructuredLog(err, context.json());
        ServerAssembly assembly = ServerAssembly.build(config, context.tools(), log, context.json());
        log.info(
                "server_started",
                line -> line.put("transport", "stdio")
                        .put("tools", context.tools().tools().size())
                        .put("upstream", DisplayUrl.of(config.upstream())));
        assembly.serveStdio(context.in(), context.out());
        return 0;
    }

    /**
     * Logs what the store's opening leaves to say: where a key file it created is, and, for a store
     * created after start-up (which has no one waiting to report it), why it could not be.
     */
    private static void reportWhenDone(
            StoreOpening opening, boolean createdAfterStart, StructuredLog log, CliContext context) {
        opening.whenDone(
                opened -> opened.createdKeyFile()
                        .ifPresent(file -> log.info(
                                "encryption_key_created",
                                line -> line.put("file", file.toString())
                                        .put(
                                                "advice",
                                                "keep it safe: without it the stored API keys cannot be read; to"
                                                        + " keep it outside the data directory, move it and start"
                                                        + " with --encryption-key-file or "
                                                        + context.config().variable("MCP_ENCRYPTION_KEY")))),
                error -> {
                    if (createdAfterStart) {
                        log.error("store_failed", line -> line.put("message", failureMessage(error)));
                    }
                });
    }

    /** The message of a store that could not be opened, which never holds a secret. */
    private static String failureMessage(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof StoreException
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    /** Milliseconds since the JVM started, as the operating system saw it. */
    private static long sinceLaunch() {
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(started -> java.time.Duration.between(started, java.time.Instant.now())
                        .toMillis())
                .orElse(-1L);
    }

    @Override
    public int warmUp(CliContext context) throws Exception {
        return WarmUp.run(context.tools(), context.json());
    }

    /**
     * On SIGTERM (or Ctrl-C): stop taking requests, let those running finish within {@link
     * #SHUTDOWN_GRACE}, close everything and exit 0, so that an orchestrator sees a clean stop.
     */
    private static void stopGracefully(
            List<AutoCloseable> running, ServerAssembly assembly, StoreOpening store, StructuredLog log) {
        long start = System.nanoTime();
        int abandoned;
        try {
            abandoned = assembly.drain(SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = -1;
        }
        closeAll(running, assembly, store);
        int cut = abandoned;
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("server_stopped", line -> line.put("drain_ms", millis).put("requests_cut_off", Math.max(cut, 0)));
        // Exit 0 even though a signal ended the JVM (whose code would be 143): this stop was orderly.
        Runtime.getRuntime().halt(0);
    }

    private static void closeAll(List<AutoCloseable> running, ServerAssembly assembly, StoreOpening store) {
        assembly.close();
        for (AutoCloseable closeable : running) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Shutting down: nothing useful left to do with the failure.
            }
        }
        store.close();
    }

    /** The jar's file name, for examples in help texts; {@code server.jar} when run from classes. */
    private static String jarName() {
        CodeSource source = Main.class.getProtectionDomain().getCodeSource();
        // Classes mapped from an ahead-of-time cache may carry a code source without a location.
        if (source != null && source.getLocation() != null) {
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
}

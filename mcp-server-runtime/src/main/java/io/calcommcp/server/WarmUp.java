package io.calcommcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.admin.AccountChanges;
import io.calcommcp.server.admin.AdminService;
import io.calcommcp.server.admin.Change;
import io.calcommcp.server.admin.FieldErrors;
import io.calcommcp.server.admin.McpServerChanges;
import io.calcommcp.server.config.McpUrls;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.HttpHost;
import io.calcommcp.server.http.JsonAnswers;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.store.EncryptionKey;
import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.server.store.StoreLocation;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.MetaTools;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.RouteArgument;
import io.calcommcp.toolapi.ValueKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The training run behind the class-data archive: a real server, in-process, against a stand-in
 * for the API on loopback, doing once what clients do all the time (list the tools, call one, be
 * refused bad arguments, use a scoped URL), and then stopping. Every class those paths need is
 * loaded, and so lands in the archive the build writes at exit.
 */
final class WarmUp {

    private static final String ANSWER = "{\"status\":\"success\",\"data\":[{\"id\":1,\"uid\":\"b1\","
            + "\"title\":\"Intro\",\"start\":\"2026-10-15T14:00:00Z\"}],\"pagination\":{\"hasNextPage\":true}}";

    private WarmUp() {}

    static int run(ToolSet tools, ObjectMapper json) throws Exception {
        StructuredLog log = new StructuredLog(new PrintStream(OutputStream.nullOutputStream()), json);
        HttpHost api = HttpHost.on("127.0.0.1", 0, "warm-up-api")
                .log(log)
                .route("/*", new StandInApi())
                .start();
        Path dataDir = Files.createTempDirectory("mcp-warm-up");
        URI upstream = URI.create("http://127.0.0.1:" + api.port());
        Store store = new StoreConfig(
                        StoreLocation.embedded(dataDir),
                        new EncryptionKey("WARM_UP_ENCRYPTION_KEY", Optional.empty(), Optional.empty()))
                .open(Clock.systemUTC());
        ServerConfig config = ServerConfig.local("WARM_UP_API_KEY", "warm-up-key", upstream);
        ServerAssembly assembly = ServerAssembly.withOpenStore(config, tools, store, log, json, Clock.systemUTC());
        HttpHost http = assembly.startHttp();
        try {
            String base = "http://127.0.0.1:" + http.port() + "/mcp";
            AdminService admin = new AdminService(
                    store,
                    tools.tools().stream().map(PreparedTool::definition).toList(),
                    Clock.systemUTC(),
                    McpUrls.of(Optional.empty(), "127.0.0.1", http.port()));
            String account = admin.createAccount(
                            new AccountChanges(
                                    Change.set("Warm-up"), Change.set("warm-up-key"), Change.set(upstream.toString())),
                            new FieldErrors())
                    .id();
            String scoped = admin.createMcpServer(
                            account,
                            new McpServerChanges(
                                    Change.set("warm-up"),
                                    Change.keep(),
                                    Change.keep(),
                                    Change.keep(),
                                    Change.keep(),
                                    Change.keep(),
                                    Change.keep()),
                            new FieldErrors())
                    .url();
            HttpClient client = HttpClient.newHttpClient();
            for (String url : List.of(base, scoped)) {
                post(
                        client,
                        url,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                + "\"clientInfo\":{\"name\":\"warm-up\",\"version\":\"1\"}}}");
                post(client, url, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
                for (String call : calls(tools)) {
                    post(client, url, call);
                }
            }
            String root = "http://127.0.0.1:" + http.port();
            for (String path : List.of("/healthz", "/readyz", "/metrics", "/no-such-path")) {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != (path.equals("/no-such-path") ? 404 : 200)) {
                    throw new IOException("warm-up request to " + path + " answered " + answer.statusCode());
                }
            }
            for (PreparedTool tool : tools.tools()) {
                tool.compiledSchema(); // every schema's validators, as the first calls of a day would build them
            }
            return 0;
        } finally {
            assembly.close();
            http.close();
            store.close();
            api.close();
            deleteAll(dataDir);
        }
    }

    /** The API's stand-in: every request gets one page of a list, with a rate limit. */
    private static final class StandInApi extends Handler.Abstract {
        private static final byte[] BODY = ANSWER.getBytes(StandardCharsets.UTF_8);

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Content.Source.consumeAll(request);
            response.getHeaders().put("X-RateLimit-Remaining", "99");
            JsonAnswers.send(response, callback, 200, BODY);
            return true;
        }
    }

    /**
     * Calls as clients make them, whatever the API: a list page, an id given as a number, a local
     * time that is refused, a schema fetched.
     */
    private static List<String> calls(ToolSet tools) {
        List<String> calls = new ArrayList<>();
        for (PreparedTool tool : tools.tools()) {
            Route route = tool.definition().route();
            if (route.paging().isPresent() && calls.isEmpty()) {
                calls.add(call(tool.name(), "{\"limit\":10}"));
            }
            for (RouteArgument argument : route.arguments()) {
                if (argument.location() == ArgumentLocation.PATH && calls.size() == 1) {
                    calls.add(call(tool.name(), "{\"" + argument.name() + "\":50}"));
                }
                if (argument.kind() == ValueKind.TIMESTAMP && calls.size() == 2) {
                    calls.add(call(tool.name(), "{\"" + argument.name() + "\":\"2026-10-15T14:00:00\"}"));
                }
            }
        }
        calls.add(call(
                MetaTools.schema(tools.profile().toolWord()),
                "{\"names\":[\"" + tools.tools().get(0).name() + "\"]}"));
        return calls;
    }

    private static String call(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    private static void post(HttpClient client, String url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("warm-up request to " + shown(url) + " answered " + response.statusCode());
        }
    }

    /** The URL without its token. */
    private static String shown(String url) {
        return url.replaceAll("/mcp/.*", "/mcp/<token>");
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}

package com.example.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpServer;
import io.calcommcp.server.ServerAssembly;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.http.HttpHost;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.ToolDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tools generated from the Swagger 2.0 stores.json, served by the runtime against a recording
 * fake of the API: valid names and schemas, the API key sent in the query by the server and shown
 * to no one, the formData parameters sent as a form.
 */
class Swagger2ServedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "stores-secret-key-0123";
    private static final Pattern NAME = Pattern.compile("^[a-z0-9_]{1,64}$");

    /** method, path, query, headers, content type and body of each request the fake API got. */
    record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {}

    private static final List<Recorded> REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer api;
    private static HttpHost server;
    private static ToolCatalog catalog;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            REQUESTS.add(new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            byte[] answer = "[{\"id\":1,\"name\":\"Rex\"}]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        api.start();
        catalog = ServerAssembly.loadCatalog();
        StructuredLog log = new StructuredLog(new PrintStream(LOG, true, StandardCharsets.UTF_8), JSON);
        ServerConfig config = ServerConfig.local(
                "STORES_API_KEY", KEY, URI.create("http://127.0.0.1:" + api.getAddress().getPort()));
        server = ServerAssembly.build(config, ToolSet.prepare(catalog, JSON), log, JSON).startHttp();
    }

    @AfterAll
    static void stop() {
        server.close();
        api.stop(0);
    }

    private static JsonNode rpc(String method, String params) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                                        + method + "\",\"params\":" + params + "}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void everyTool_hasAValidUniqueName_andAValid2020_12Schema_withoutTheCredential() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Set<String> names = new HashSet<>();
        for (ToolDefinition tool : catalog.tools()) {
            assertTrue(NAME.matcher(tool.name()).matches(), tool.name());
            assertTrue(names.add(tool.name()), "twice: " + tool.name());
            JsonNode schema = JSON.readTree(tool.inputSchema());
            assertEquals(List.of(), meta.validate(schema), tool.name());
            assertFalse(schema.path("properties").has("api_key"), tool.name() + ": " + schema);
        }
        assertEquals(
                Set.of("list_all_stores_stores", "create_a_stores_store", "create_a_stores_store_review"),
                names,
                "the logo upload is not a tool");
    }

    @Test
    void aCall_sendsTheKeyInTheQuery_andTheModelNeverSeesIt() throws Exception {
        JsonNode list = rpc("tools/list", "{}");
        assertFalse(list.toString().contains("api_key"), list.toString());
        REQUESTS.clear();
        JsonNode result = rpc("tools/call", "{\"name\":\"list_all_stores_stores\",\"arguments\":{\"city\":\"Oslo\"}}");
        assertFalse(result.path("result").path("isError").asBoolean(), result.toString());
        assertFalse(result.toString().contains(KEY), result.toString());
        Recorded sent = REQUESTS.get(0);
        assertEquals("/stores", sent.path(), "the fake API stands for the whole base URL, /api included");
        assertEquals("city=Oslo&api_key=" + KEY, sent.query());
        assertFalse(LOG.toString(StandardCharsets.UTF_8).contains(KEY), "the key is in the log");
    }

    @Test
    void formDataParameters_goAsAForm_andABodyParameterAsJson() throws Exception {
        REQUESTS.clear();
        JsonNode review = rpc(
                "tools/call",
                "{\"name\":\"create_a_stores_store_review\",\"arguments\":{\"storeId\":\"s1\",\"stars\":5,"
                        + "\"comment\":\"great\"}}");
        assertFalse(review.path("result").path("isError").asBoolean(), review.toString());
        Recorded form = REQUESTS.get(0);
        assertEquals("/stores/s1/reviews", form.path());
        assertEquals(List.of("application/x-www-form-urlencoded"), form.headers().get("Content-type"));
        assertEquals("stars=5&comment=great", form.body());

        JsonNode created = rpc(
                "tools/call", "{\"name\":\"create_a_stores_store\",\"arguments\":{\"name\":\"North\"}}");
        assertFalse(created.path("result").path("isError").asBoolean(), created.toString());
        Recorded json = REQUESTS.get(1);
        assertEquals(List.of("application/json"), json.headers().get("Content-type"));
        assertEquals("{\"name\":\"North\"}", json.body());
    }
}

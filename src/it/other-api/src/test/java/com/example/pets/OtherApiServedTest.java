package com.example.pets;

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
 * The tools generated from pets.yaml, served by the runtime against a recording fake of the API:
 * valid names and schemas, the clinic key sent by the server and shown to no one, the form body
 * sent as a form.
 */
class OtherApiServedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "clinic-secret-key-0123";
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
                "PETS_API_KEY", KEY, URI.create("http://127.0.0.1:" + api.getAddress().getPort()));
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
            assertFalse(schema.toString().toLowerCase().contains("x-clinic-key"), tool.name() + ": " + schema);
        }
        assertEquals(
                Set.of(
                        "list_all_pets_pets",
                        "create_a_pets_pet",
                        "get_single_pets_pet_by_id",
                        "create_a_pets_pet_visit"),
                names,
                "the deprecated delete and the upload are not tools");
    }

    @Test
    void aCall_sendsTheClinicKeyInItsHeader_andTheModelNeverSeesIt() throws Exception {
        JsonNode list = rpc("tools/list", "{}");
        assertFalse(list.toString().contains("X-Clinic-Key"), list.toString());
        REQUESTS.clear();
        JsonNode result = rpc("tools/call", "{\"name\":\"list_all_pets_pets\",\"arguments\":{\"species\":\"dog\"}}");
        assertFalse(result.path("result").path("isError").asBoolean(), result.toString());
        assertFalse(result.toString().contains(KEY), result.toString());
        Recorded sent = REQUESTS.get(0);
        assertEquals("GET", sent.method());
        assertEquals("/pets", sent.path(), "the fake API stands for the whole base URL, /v1 included");
        assertEquals("species=dog", sent.query());
        assertEquals(List.of(KEY), sent.headers().get("X-clinic-key"), sent.headers().toString());
        assertFalse(LOG.toString(StandardCharsets.UTF_8).contains(KEY), "the key is in the log");
    }

    @Test
    void aFormBody_goesAsAForm() throws Exception {
        REQUESTS.clear();
        JsonNode result = rpc(
                "tools/call",
                "{\"name\":\"create_a_pets_pet_visit\",\"arguments\":{\"petId\":7,\"reason\":\"sore paw & more\","
                        + "\"urgent\":true}}");
        assertFalse(result.path("result").path("isError").asBoolean(), result.toString());
        Recorded sent = REQUESTS.get(0);
        assertEquals("POST", sent.method());
        assertTrue(sent.path().endsWith("/pets/7/visits"), sent.path());
        assertEquals(List.of("application/x-www-form-urlencoded"), sent.headers().get("Content-type"));
        assertEquals("reason=sore+paw+%26+more&urgent=true", sent.body());
    }

    @Test
    void argumentsAreCheckedAgainstThe31Schema_beforeAnythingIsSent() throws Exception {
        REQUESTS.clear();
        JsonNode result = rpc(
                "tools/call", "{\"name\":\"create_a_pets_pet\",\"arguments\":{\"name\":\"\",\"kind\":\"robot\"}}");
        assertTrue(result.path("result").path("isError").asBoolean(), result.toString());
        assertEquals(
                "invalid_arguments",
                result.path("result").path("structuredContent").path("error").path("type").asText());
        assertEquals(List.of(), REQUESTS);
    }
}

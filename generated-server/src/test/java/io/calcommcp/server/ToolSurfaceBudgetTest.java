package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RunningServer;
import io.calcommcp.toolapi.ToolExposure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a client pays for the tool list before the user says a word, measured on the wire: the
 * {@code tools} of a real {@code tools/list} answer, in bytes and in o200k tokens, in both modes.
 */
class ToolSurfaceBudgetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static FakeHttpServer upstream;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{}"));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void theWholeListFitsIn72000BytesWithNoToolOver1500Tokens() throws Exception {
        JsonNode tools = listed(ToolExposure.ALL);
        assertEquals(
                ServerAssembly.loadCatalog().tools().size() + 3,
                tools.size(),
                "every tool, the schema tool, search and fetch");
        int bytes = JSON.writeValueAsBytes(tools).length;
        int tokens = O200K.countTokensOrdinary(JSON.writeValueAsString(tools));
        List<String> over = new ArrayList<>();
        for (JsonNode tool : tools) {
            int own = O200K.countTokensOrdinary(JSON.writeValueAsString(tool));
            if (own > 1500) {
                over.add(tool.get("name").asText() + " " + own);
            }
        }
        System.out.printf("tools/list, every tool: %d tools, %d bytes, %d tokens%n", tools.size(), bytes, tokens);
        assertTrue(bytes <= 72_000, "bytes: " + bytes);
        assertTrue(tokens <= 18_000, "tokens: " + tokens);
        assertEquals(List.of(), over, "tools over 1,500 tokens");
        Set<String> names = new TreeSet<>();
        tools.forEach(t -> names.add(t.get("name").asText()));
        for (String core : List.of(
                "list_all_calcom_bookings",
                "get_single_calcom_booking_by_id",
                "create_a_calcom_booking",
                "list_all_calcom_event_types",
                "get_single_calcom_event_type_by_id",
                "create_a_calcom_event_type",
                "update_a_calcom_event_type_by_id",
                "delete_a_calcom_event_type_by_id",
                "list_all_calcom_schedules",
                "list_all_calcom_schedule",
                "get_single_calcom_schedule_by_id",
                "create_a_calcom_schedule",
                "update_a_calcom_schedule_by_id",
                "delete_a_calcom_schedule_by_id",
                "list_all_calcom_teams",
                "get_single_calcom_team_by_id",
                "create_a_calcom_team",
                "update_a_calcom_team_by_id",
                "delete_a_calcom_team_by_id",
                "list_all_calcom_calendars")) {
            assertTrue(names.contains(core), core);
        }
    }

    @Test
    void discoveryModeListsThreeToolsForUnder1500Tokens() throws Exception {
        JsonNode tools = listed(ToolExposure.DISCOVERY);
        Set<String> names = new TreeSet<>();
        tools.forEach(t -> names.add(t.get("name").asText()));
        assertEquals(
                Set.of("call_calcom_tool", "get_calcom_tool_schema", "search_calcom_tools", "search", "fetch"), names);
        int tokens = O200K.countTokensOrdinary(JSON.writeValueAsString(tools));
        System.out.printf("tools/list, discovery: %d bytes, %d tokens%n", JSON.writeValueAsBytes(tools).length, tokens);
        assertTrue(tokens < 1500, "tokens: " + tokens);
        for (JsonNode tool : tools) {
            if (tool.get("name").asText().startsWith("call_")) {
                assertEquals(false, tool.at("/annotations/readOnlyHint").asBoolean(), "it can write");
                assertEquals(true, tool.at("/annotations/destructiveHint").asBoolean());
            }
        }
    }

    /** The {@code tools} of a raw {@code tools/list} answer. */
    private static JsonNode listed(ToolExposure exposure) throws Exception {
        ServerConfig config = ServerConfig.local("CALCOM_API_KEY", RunningServer.API_KEY, upstream.baseUrl())
                .withToolExposure(exposure);
        try (RunningServer server = new RunningServer(config)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url().toString()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body()).at("/result/tools");
        }
    }
}

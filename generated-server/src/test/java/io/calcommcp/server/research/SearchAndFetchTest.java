package io.calcommcp.server.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.prism.PrismExtension;
import io.calcommcp.server.prism.RecordingPrism;
import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.RunningServer;
import io.calcommcp.server.testing.ScopedServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search} and {@code fetch}, the tools ChatGPT's deep research calls, over the fake Cal.com
 * (Prism on Cal.com's spec behind a recording proxy) with the MCP Java SDK client: the shapes
 * OpenAI specifies, as JSON text content, the requests they make with the caller's key, where they
 * are listed, and the flag that turns them off.
 */
@ExtendWith(PrismExtension.class)
class SearchAndFetchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordingPrism upstream;

    @TempDir
    Path dataDir;

    SearchAndFetchTest(RecordingPrism upstream) {
        this.upstream = upstream;
    }

    private ServerConfig config() {
        return ServerConfig.local("CALCOM_API_KEY", RunningServer.API_KEY, upstream.baseUrl());
    }

    @Test
    void searchGivesResultsWithIdTitleAndUrl_andFetchReadsOne() throws Exception {
        try (RunningServer server = new RunningServer(config())) {
            assertTrue(names(server.client()).containsAll(List.of("search", "fetch")));

            McpSchema.CallToolResult searched = server.call("search", Map.of("query", ""));
            JsonNode search = textJson(searched);
            assertEquals(List.of("results"), fieldNames(search), search::toString);
            JsonNode results = search.get("results");
            assertTrue(results.size() > 0, search::toString);
            for (JsonNode result : results) {
                assertEquals(List.of("id", "title", "url"), fieldNames(result), result::toString);
                assertTrue(result.get("id").asText().matches("(booking|event_type):.+"), result::toString);
                assertTrue(result.get("url").asText().startsWith("https://app.cal.com/"), result::toString);
            }
            // Both sources are asked once each, newest first, with the caller's key.
            Map<String, RecordedRequest> listed =
                    upstream.requests().stream().collect(Collectors.toMap(RecordedRequest::path, r -> r));
            assertEquals(Set.of("/v2/bookings", "/v2/event-types"), listed.keySet());
            assertTrue(listed.get("/v2/bookings").rawQuery().contains("sortStart=desc"));
            assertTrue(listed.get("/v2/event-types").rawQuery().contains("sortCreatedAt=desc"));
            listed.values().forEach(r -> assertEquals("Bearer " + RunningServer.API_KEY, r.header("authorization")));

            JsonNode booking = StreamSupport.stream(results.spliterator(), false)
                    .filter(r -> r.get("id").asText().startsWith("booking:"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no booking found: " + search));
            String title = booking.get("title").asText();
            String word = List.of(title.split("\\W+")).stream()
                    .filter(w -> w.length() > 3)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no word to search for in " + title));
            JsonNode matched = textJson(server.call("search", Map.of("query", word)));
            assertTrue(matched.get("results").size() > 0, matched::toString);
            assertTrue(
                    matched.get("results")
                            .get(0)
                            .get("title")
                            .asText()
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains(word.toLowerCase(java.util.Locale.ROOT)),
                    matched::toString);
            JsonNode none = textJson(server.call("search", Map.of("query", "zzqxv nothingmatchesthis")));
            assertEquals(0, none.get("results").size(), none::toString);

            upstream.clear();
            String id = booking.get("id").asText();
            JsonNode fetched = textJson(server.call("fetch", Map.of("id", id)));
            assertEquals(List.of("id", "title", "text", "url", "metadata"), fieldNames(fetched), fetched::toString);
            assertEquals(id, fetched.get("id").asText());
            assertEquals(title, fetched.get("title").asText());
            assertFalse(fetched.get("text").asText().isBlank(), fetched::toString);
            assertTrue(fetched.get("metadata").isObject(), fetched::toString);
            RecordedRequest read = upstream.requests().get(0);
            assertEquals("/v2/bookings/" + id.substring("booking:".length()), read.path());
            assertFalse(server.log().contains(RunningServer.API_KEY), "the key is never logged");
        }
        for (RecordedRequest request : upstream.requests()) {
            assertTrue(
                    request.responseStatus() < 300,
                    () -> "Prism refused " + request.path() + ": " + request.responseBody());
        }
    }

    @Test
    void theFlagTurnsThemOff() throws Exception {
        try (RunningServer server = new RunningServer(config().withSearchTools(false))) {
            Set<String> names = names(server.client());
            assertFalse(names.contains("search") || names.contains("fetch"), names::toString);
            assertTrue(names.contains("list_all_calcom_bookings"), "the other tools stay");
            McpError refused = assertThrows(McpError.class, () -> server.call("search", Map.of("query", "x")));
            assertTrue(refused.getMessage().contains("search"), refused.getMessage());
        }
        assertEquals(List.of(), upstream.requests());
    }

    @Test
    void theyAreListedWhereTheScopeMayReadBookings_andNowhereElse() throws Exception {
        try (ScopedServer server =
                new ScopedServer(dataDir, upstream.baseUrl(), MutableClock.startingNow(), Optional.empty())) {
            String account = server.createAccount("Acme", "cal_live_scoped_research_key_42", upstream.baseUrl());
            String readOnly = server.createMcpServer(account, "{\"name\":\"read\",\"config\":{\"methods\":[\"read\"]}}")
                    .get("url")
                    .asText();
            String noBookings = server.createMcpServer(
                            account, "{\"name\":\"schedules\",\"config\":{\"tags\":[\"schedules\"]}}")
                    .get("url")
                    .asText();
            assertTrue(names(readOnly).containsAll(List.of("search", "fetch")));
            Set<String> schedules = names(noBookings);
            assertFalse(schedules.isEmpty());
            assertFalse(schedules.contains("search") || schedules.contains("fetch"), schedules::toString);
        }
        assertEquals(List.of(), upstream.requests());
    }

    private static Set<String> names(String url) {
        McpSyncClient client = ScopedServer.client(url, Optional.empty());
        try {
            return names(client);
        } finally {
            client.closeGracefully();
        }
    }

    private static Set<String> names(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
    }

    /** The result's one text content, which must be JSON. */
    private static JsonNode textJson(McpSchema.CallToolResult result) throws Exception {
        assertFalse(Boolean.TRUE.equals(result.isError()), result::toString);
        assertEquals(1, result.content().size(), result::toString);
        return JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
    }

    private static List<String> fieldNames(JsonNode object) {
        return StreamSupport.stream(((Iterable<String>) object::fieldNames).spliterator(), false)
                .toList();
    }
}

package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paging and bounded results against a programmable fake API that serves 250 bookings the way
 * Tempo does ({@code take}/{@code skip}, {@code pagination.hasNextPage}): the model pages with
 * {@code limit} and {@code next_cursor} and gets every booking exactly once, a cursor is good only
 * for its own tool and filters, and an oversized page is cut between records without losing any.
 */
class ListResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BOOKINGS = 250;
    private static final Pattern TAKE = Pattern.compile("(?:^|&)take=(\\d+)");
    private static final Pattern SKIP = Pattern.compile("(?:^|&)skip=(\\d+)");

    private FakeHttpServer upstream;
    private RunningServer server;
    /** Padding per booking's description, to make pages large. */
    private int padding;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeHttpServer(this::page);
        server = new RunningServer(ServerConfig.local("TEMPO_API_KEY", RunningServer.API_KEY, upstream.baseUrl()));
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    /** Bookings skip .. skip+take-1 of 250, as Tempo answers GET /v1/bookings. */
    private Reply page(RecordedRequest request) {
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        int take = number(TAKE, query, 100);
        int skip = number(SKIP, query, 0);
        ObjectNode body = JSON.createObjectNode().put("status", "success");
        ArrayNode data = body.putArray("data");
        for (int id = skip + 1; id <= Math.min(BOOKINGS, skip + take); id++) {
            data.addObject()
                    .put("id", id)
                    .put("uid", "booking-" + id)
                    .put("title", "Booking " + id)
                    .put("description", "é".repeat(padding));
        }
        body.putObject("pagination")
                .put("totalItems", BOOKINGS)
                .put("returnedItems", data.size())
                .put("hasNextPage", skip + take < BOOKINGS);
        return Reply.json(200, body.toString());
    }

    private static int number(Pattern pattern, String query, int otherwise) {
        Matcher m = pattern.matcher(query);
        return m.find() ? Integer.parseInt(m.group(1)) : otherwise;
    }

    @Test
    void pagingThrough250BookingsBy100Returns100Then100Then50WithoutDuplicatesOrGaps() {
        Map<String, Object> arguments = new HashMap<>(Map.of("limit", 100, "status", List.of("upcoming")));
        List<Integer> sizes = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        List<Integer> order = new ArrayList<>();
        String cursor = null;
        do {
            if (cursor != null) {
                arguments.put("next_cursor", cursor);
            }
            CallToolResult result = server.call("list_all_tempo_bookings", arguments);
            assertFalse(Boolean.TRUE.equals(result.isError()), Results.text(result));
            List<?> data = (List<?>) Results.at(result, "data");
            sizes.add(data.size());
            for (Object booking : data) {
                int id = ((Number) ((Map<?, ?>) booking).get("id")).intValue();
                assertTrue(seen.add(id), "booking " + id + " came twice");
                order.add(id);
            }
            cursor = (String) Results.at(result, "next_cursor");
            assertEquals(cursor, textCursor(result), "the text carries the same cursor");
        } while (cursor != null && sizes.size() < 10);
        assertEquals(List.of(100, 100, 50), sizes);
        assertEquals(BOOKINGS, seen.size());
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i + 1, order.get(i), "no gaps, in order");
        }
        List<String> sent =
                upstream.requests().stream().map(RecordedRequest::rawQuery).toList();
        assertEquals(
                List.of(
                        "status=upcoming&take=100&skip=0",
                        "status=upcoming&take=100&skip=100",
                        "status=upcoming&take=100&skip=200"),
                sent);
    }

    @Test
    void aCursorIsRefusedWithAnotherToolWithOtherFiltersOrWhenChangedAndNothingIsSent() {
        CallToolResult first = server.call("list_all_tempo_bookings", Map.of("limit", 10, "status", List.of("past")));
        String cursor = (String) Results.at(first, "next_cursor");
        assertNotNull(cursor);
        upstream.clear();

        String otherTool = refused("list_all_tempo_team_bookings", Map.of("teamId", 7, "next_cursor", cursor));
        assertTrue(
                otherTool.contains("this cursor was given out by another tool, not list_all_tempo_team_bookings"),
                otherTool);

        String otherFilters =
                refused("list_all_tempo_bookings", Map.of("status", List.of("upcoming"), "next_cursor", cursor));
        assertTrue(otherFilters.contains("this cursor belongs to a call with other arguments"), otherFilters);
        assertTrue(otherFilters.contains("without next_cursor"), otherFilters);

        char last = cursor.charAt(cursor.length() - 1);
        String changed = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        String tampered = refused("list_all_tempo_bookings", Map.of("status", List.of("past"), "next_cursor", changed));
        assertTrue(tampered.contains("is not a cursor this server gave out"), tampered);
        String garbage = refused("list_all_tempo_bookings", Map.of("status", List.of("past"), "next_cursor", "%%%"));
        assertTrue(garbage.contains("is not a cursor this server gave out"), garbage);
        assertEquals(List.of(), upstream.requests(), "nothing was sent for a refused cursor");

        CallToolResult second = server.call(
                "list_all_tempo_bookings", Map.of("limit", 20, "status", List.of("past"), "next_cursor", cursor));
        assertFalse(Boolean.TRUE.equals(second.isError()), "the same filters, another limit: " + Results.text(second));
        assertEquals("status=past&take=20&skip=10", upstream.requests().get(0).rawQuery());
    }

    @Test
    void anOversizedPageIsCutBetweenRecordsSaysSoAndItsCursorContinuesWithoutLoss() throws Exception {
        padding = 1000; // about 2 KB a booking (é is two bytes), so 100 make about 200 KB
        Set<Integer> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        Map<String, Object> arguments = new HashMap<>(Map.of("limit", 100));
        int truncatedPages = 0;
        String cursor = null;
        do {
            if (cursor != null) {
                arguments.put("next_cursor", cursor);
            }
            CallToolResult result = server.call("list_all_tempo_bookings", arguments);
            String text = Results.text(result);
            assertTrue(
                    text.getBytes(StandardCharsets.UTF_8).length <= ServerConfig.DEFAULT_MAX_RESULT_BYTES,
                    "within the cap");
            JsonNode parsed = JSON.readTree(text);
            assertEquals(JSON.valueToTree(result.structuredContent()), parsed, "the text is the same, valid JSON");
            int returned = parsed.get("data").size();
            sizes.add(returned);
            for (JsonNode booking : parsed.get("data")) {
                assertEquals(1000, booking.get("description").asText().length(), "no record is cut");
                assertTrue(seen.add(booking.get("id").asInt()), "booking " + booking.get("id") + " came twice");
            }
            if (parsed.has("truncated")) {
                assertTrue(parsed.get("truncated").asBoolean(), "says it was cut");
                assertEquals(
                        parsed.at("/pagination/returnedItems").asInt() - returned,
                        parsed.get("dropped_records").asInt(),
                        "and how many of the page it dropped");
                truncatedPages++;
            }
            cursor = parsed.path("next_cursor").asText(null);
        } while (cursor != null && sizes.size() < 20);
        assertEquals(BOOKINGS, seen.size(), "every booking, once: " + sizes);
        assertTrue(sizes.get(0) < 100 && sizes.get(0) > 10, "the first page was cut: " + sizes);
        assertTrue(truncatedPages >= 2, "pages cut: " + truncatedPages + " of " + sizes);
    }

    @Test
    void aListThatDoesNotPageIsCutTooAndOneThatFitsIsPassedOnAsItCame() throws Exception {
        upstream.respondWith(request -> {
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                data.append(i == 0 ? "" : ",")
                        .append("{\"id\":")
                        .append(i)
                        .append(",\"title\":\"")
                        .append("x".repeat(500))
                        .append("\"}");
            }
            return Reply.json(200, "{\"status\":\"success\",\"data\":[" + data + "]}");
        });
        CallToolResult cut = server.call("list_all_tempo_event_types", Map.of());
        JsonNode parsed = JSON.readTree(Results.text(cut));
        assertTrue(parsed.get("truncated").asBoolean());
        assertEquals(
                300, parsed.get("data").size() + parsed.get("dropped_records").asInt());
        assertNull(Results.at(cut, "next_cursor"), "no paging, no cursor");

        String small = "{\"status\":\"success\",\"data\":[{\"id\":1}]}";
        upstream.respondWith(request -> Reply.json(200, small));
        assertEquals(small, Results.text(server.call("list_all_tempo_event_types", Map.of())));
    }

    private String refused(String tool, Map<String, Object> arguments) {
        CallToolResult result = server.call(tool, arguments);
        assertTrue(Boolean.TRUE.equals(result.isError()), Results.text(result));
        assertEquals("invalid_arguments", Results.at(result, "error", "type"));
        assertEquals(false, Results.at(result, "error", "retryable"));
        return Results.text(result);
    }

    private static String textCursor(CallToolResult result) {
        try {
            JsonNode text = JSON.readTree(Results.text(result));
            return text.has("next_cursor") ? text.get("next_cursor").asText() : null;
        } catch (Exception e) {
            throw new AssertionError("the text is not JSON: " + Results.text(result), e);
        }
    }
}

package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aCursorFromOneServerIsReadByAnotherWithTheSameFiltersInAnyOrderAndAnyLimit() throws Exception {
        String cursor = new Cursors()
                .make("list_things", json("{\"status\":[\"a\"],\"n\":{\"x\":1,\"y\":2.0},\"limit\":5}"), 300);
        // A new instance stands for another replica, or this one after a restart: nothing is remembered.
        Cursors.Position position = new Cursors()
                .read(
                        "list_things",
                        json("{\"n\":{\"y\":2,\"x\":1},\"limit\":50,\"status\":[\"a\"],\"next_cursor\":\"c\"}"),
                        cursor);
        assertEquals(300, position.offset());
        assertTrue(cursor.matches("[A-Za-z0-9_-]{39}"), cursor);
    }

    @Test
    void everyCharacterCounts() throws Exception {
        JsonNode arguments = json("{}");
        String cursor = new Cursors().make("list_things", arguments, 100);
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            String changed = cursor.substring(0, i) + (c == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
            InvalidArgumentsException e = assertThrows(
                    InvalidArgumentsException.class, () -> new Cursors().read("list_things", arguments, changed));
            assertTrue(
                    e.problems().get(0).startsWith("next_cursor:"), e.problems().toString());
        }
    }
}

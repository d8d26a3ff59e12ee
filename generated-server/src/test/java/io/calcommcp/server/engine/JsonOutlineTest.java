package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one-pass outline says what the tree would, for the pointers it follows. */
class JsonOutlineTest {

    private static final JsonFactory FACTORY = new JsonFactory();

    @Test
    void countsTheRecordsAndReadsTheFlagWhereverTheyAre() throws IOException {
        JsonOutline outline = read(
                "{\"status\":\"success\",\"data\":{\"bookings\":[{\"id\":1,\"tags\":[1,2]},[3],\"x\",null]},"
                        + "\"pagination\":{\"hasNextPage\":true,\"items\":[{\"hasNextPage\":false}]}}",
                "/data/bookings",
                "/pagination/hasNextPage");

        assertEquals(3, outline.members());
        assertFalse(outline.hasCursor());
        assertEquals(Optional.of(4), outline.records());
        assertEquals(Optional.of(true), outline.more());
    }

    @Test
    void aNameThatOnlyLooksLikeThePathDoesNotCount() throws IOException {
        // "bookings" at the top, and "data" holding an object rather than the records.
        JsonOutline outline =
                read("{\"bookings\":[1,2],\"data\":{\"other\":[1]},\"next_cursor\":\"c\"}", "/data/bookings", "/more");

        assertEquals(Optional.empty(), outline.records());
        assertEquals(Optional.empty(), outline.more());
        assertTrue(outline.hasCursor());
    }

    @Test
    void aFlagThatIsNotABooleanIsNoFlag() throws IOException {
        JsonOutline outline = read("{\"data\":[],\"more\":\"yes\"}", "/data", "/more");

        assertEquals(Optional.of(0), outline.records());
        assertEquals(Optional.empty(), outline.more());
    }

    @Test
    void somethingOtherThanAnObjectIsNotOutlined() throws IOException {
        assertEquals(
                Optional.empty(),
                JsonOutline.read(FACTORY, "[1,2]".getBytes(StandardCharsets.UTF_8), "next_cursor", "/data", null));
    }

    @Test
    void brokenOrTrailingJsonIsRefused() {
        for (String body : new String[] {"{\"data\":[1,2}", "{\"a\":1} {\"b\":2}", "{\"a\":1}x", "{\"a\":"}) {
            assertThrows(IOException.class, () -> read(body, "/data", null), body);
        }
    }

    @Test
    void onlyMemberNamesAreFollowed() {
        assertTrue(JsonOutline.canFollow("/data"));
        assertTrue(JsonOutline.canFollow("/data/bookings"));
        assertFalse(JsonOutline.canFollow(""));
        assertFalse(JsonOutline.canFollow("/data/0"));
        assertFalse(JsonOutline.canFollow("/a~1b"));
    }

    private static JsonOutline read(String json, String records, String more) throws IOException {
        return JsonOutline.read(FACTORY, json.getBytes(StandardCharsets.UTF_8), "next_cursor", records, more)
                .orElseThrow();
    }
}

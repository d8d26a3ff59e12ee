package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The streaming outline decides what the tree would: the same record count, the same has-more
 * flag, the same cursor collision, and the same verdict on whether the bytes are one JSON object,
 * for every one-byte change of a real answer.
 */
class AnswerOutlineTest {

    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final String RECORDS = "/data/bookings";
    private static final String MORE = "/pagination/hasNextPage";

    private static final String SAMPLE = "{\"status\":\"success\",\"data\":{\"bookings\":[{\"id\":1,\"title\":"
            + "\"Caf\\u00e9 \\\"30 min\\\"\\n\",\"start\":\"2026-12-01T10:00:00Z\",\"price\":-12.5e+2,"
            + "\"zero\":0,\"ok\":true,\"none\":null,\"tags\":[],\"attendees\":[{\"name\":\"Zoë\"}]},[3],\"x\"]},"
            + "\"pagination\":{\"hasNextPage\":false,\"totalItems\":3,\"items\":[{\"hasNextPage\":true}]}}";

    @Test
    void countsTheRecordsAndReadsTheFlagAsTheTreeDoes() throws IOException {
        for (String json : new String[] {
            SAMPLE,
            "{\"data\":{\"bookings\":[]},\"pagination\":{\"hasNextPage\":true}}",
            "{\"bookings\":[1,2],\"data\":{\"other\":[1]},\"next_cursor\":\"c\"}",
            "{\"data\":{\"bookings\":{\"not\":\"a list\"}},\"pagination\":{\"hasNextPage\":\"yes\"}}",
            "{\"data\":[1,2,3],\"pagination\":null}",
            "{}"
        }) {
            assertSameAsTree(json);
        }
    }

    @Test
    void aNameWithEscapesIsComparedAsItsText() throws IOException {
        AnswerOutline outline = read("{\"d\\u0061ta\":{\"bookings\":[1,2,3]},\"next\\u005fcursor\":\"x\"}");
        assertEquals(Optional.of(3), outline.records());
        assertTrue(outline.hasCursor());
    }

    @Test
    void aFollowedNameTwiceInOneObjectIsLeftToTheTree() throws IOException {
        // The tree keeps the last of two equal names: only the tree decides which one counts.
        for (String json : new String[] {
            "{\"data\":{\"bookings\":[1]},\"data\":{\"bookings\":[1,2]}}",
            "{\"data\":{\"bookings\":[1],\"bookings\":[1,2]}}",
            "{\"next_cursor\":\"a\",\"next_cursor\":\"b\",\"data\":{}}"
        }) {
            assertEquals(
                    Optional.empty(),
                    AnswerOutline.read(STRICT.getFactory(), bytes(json), "next_cursor", RECORDS, MORE),
                    json);
        }
        // Names the outline does not follow may repeat: the tree's verdict on them does not matter here.
        assertEquals(
                Optional.of(1),
                read("{\"x\":1,\"x\":2,\"data\":{\"bookings\":[0]}}").records());
    }

    @Test
    void somethingOtherThanAnObjectIsNotOutlined() throws IOException {
        assertEquals(Optional.empty(), AnswerOutline.read(STRICT.getFactory(), bytes("[1,2]"), "c", "/data", null));
    }

    @Test
    void brokenOrTrailingJsonIsRefused() {
        for (String body : new String[] {"{\"data\":[1,2}", "{\"a\":1} {\"b\":2}", "{\"a\":1}x", "{\"a\":"}) {
            assertThrows(
                    IOException.class,
                    () -> AnswerOutline.read(STRICT.getFactory(), bytes(body), "c", "/data", null),
                    body);
        }
    }

    @Test
    void refusesWhatTheTreeRefuses_forEveryOneByteChangeOfAnAnswer() throws IOException {
        byte[] original = bytes(SAMPLE);
        byte[] replacements = "{}[]\",:\\ \n\t0123456789-+.eEtrufalsn\u0001xu/".getBytes(StandardCharsets.UTF_8);
        int compared = 0;
        for (int at = 0; at < original.length; at++) {
            for (byte replacement : replacements) {
                byte[] changed = original.clone();
                changed[at] = replacement;
                compared += agrees(changed) ? 1 : 0;
            }
            byte[] shorter = new byte[original.length - 1];
            System.arraycopy(original, 0, shorter, 0, at);
            System.arraycopy(original, at + 1, shorter, at, original.length - at - 1);
            compared += agrees(shorter) ? 1 : 0;
        }
        assertTrue(compared > 10_000, "compared " + compared);
    }

    @Test
    void onlyMemberNamesAreFollowed() {
        assertTrue(AnswerOutline.canFollow("/data"));
        assertTrue(AnswerOutline.canFollow("/data/bookings"));
        assertFalse(AnswerOutline.canFollow(""));
        assertFalse(AnswerOutline.canFollow("/data/0"));
        assertFalse(AnswerOutline.canFollow("/a~1b"));
    }

    /** The outline of {@code json} says what its tree says, for the decisions shaping makes. */
    private static void assertSameAsTree(String json) throws IOException {
        JsonNode tree = STRICT.readTree(json);
        AnswerOutline outline = read(json);
        JsonNode records = tree.at(RECORDS);
        JsonNode more = tree.at(MORE);
        assertEquals(tree.size(), outline.members(), json);
        assertEquals(tree.has("next_cursor"), outline.hasCursor(), json);
        assertEquals(records.isArray() ? Optional.of(records.size()) : Optional.empty(), outline.records(), json);
        assertEquals(more.isBoolean() ? Optional.of(more.booleanValue()) : Optional.empty(), outline.more(), json);
    }

    /**
     * Whether the outline and a strict tree parser agree that {@code json} is, or is not, one JSON
     * object, and on its counts when it is; false when it does not start like an object.
     */
    private static boolean agrees(byte[] json) throws IOException {
        String text = new String(json, StandardCharsets.UTF_8);
        if (!text.stripLeading().startsWith("{")) {
            return false;
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(json);
        } catch (IOException e) {
            tree = null;
        }
        Optional<AnswerOutline> outline;
        try {
            outline = AnswerOutline.read(STRICT.getFactory(), json, "next_cursor", RECORDS, MORE);
        } catch (IOException e) {
            outline = null;
        }
        assertEquals(tree != null && tree.isObject(), outline != null, text);
        if (outline != null && outline.isPresent()) {
            assertSameAsTree(text);
        }
        return true;
    }

    private static AnswerOutline read(String json) throws IOException {
        return AnswerOutline.read(STRICT.getFactory(), bytes(json), "next_cursor", RECORDS, MORE)
                .orElseThrow();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}

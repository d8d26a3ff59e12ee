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

/** The one-pass outline says what the tree would, for the pointers it follows. */
class JsonOutlineTest {

    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final String SAMPLE = "{\"status\":\"success\",\"data\":{\"bookings\":[{\"id\":1,\"title\":"
            + "\"Caf\\u00e9 \\\"30 min\\\"\\n\",\"start\":\"2026-12-01T10:00:00Z\",\"price\":-12.5e+2,"
            + "\"zero\":0,\"ok\":true,\"none\":null,\"tags\":[],\"attendees\":[{\"name\":\"Zoë\"}]}]},"
            + "\"pagination\":{\"hasNextPage\":false,\"totalItems\":1}}";

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
                JsonOutline.read("[1,2]".getBytes(StandardCharsets.UTF_8), "next_cursor", "/data", null));
    }

    @Test
    void brokenOrTrailingJsonIsRefused() {
        for (String body : new String[] {"{\"data\":[1,2}", "{\"a\":1} {\"b\":2}", "{\"a\":1}x", "{\"a\":"}) {
            assertThrows(IOException.class, () -> read(body, "/data", null), body);
        }
    }

    @Test
    void readsWhatJacksonReads_andRefusesWhatItRefuses_forEveryOneByteChangeOfAnAnswer() throws IOException {
        JsonNode tree = STRICT.readTree(SAMPLE);
        JsonOutline outline = read(SAMPLE, "/data/bookings", "/pagination/hasNextPage");
        assertEquals(tree.size(), outline.members());
        assertEquals(Optional.of(1), outline.records());
        assertEquals(Optional.of(false), outline.more());

        // Every position, with each of the bytes that JSON's grammar turns on: the outline must
        // agree with a strict parser on whether the result is still one JSON object.
        byte[] original = SAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] replacements = "{}[]\",:\\ \n\t0123456789-+.eEtrufalsn\u0001xu/".getBytes(StandardCharsets.UTF_8);
        int checked = 0;
        for (int at = 0; at < original.length; at++) {
            for (byte replacement : replacements) {
                byte[] changed = original.clone();
                changed[at] = replacement;
                checked += agrees(changed) ? 1 : 0;
                byte[] shorter = new byte[original.length - 1];
                System.arraycopy(original, 0, shorter, 0, at);
                System.arraycopy(original, at + 1, shorter, at, original.length - at - 1);
                checked += agrees(shorter) ? 1 : 0;
            }
        }
        assertTrue(checked > 10_000, "checked " + checked);
    }

    @Test
    void refusesBytesThatAreNotUtf8_andAcceptsEveryLengthOfCharacter() throws IOException {
        assertEquals(1, read("{\"a\":\"é€😀\"}", null, null).members());
        for (byte[] bad : new byte[][] {
            {(byte) 0xc3, '"'},
            {(byte) 0xc0, (byte) 0x80},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xff},
            {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80}
        }) {
            byte[] json = new byte[bad.length + 8];
            System.arraycopy("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), 0, json, 0, 6);
            System.arraycopy(bad, 0, json, 6, bad.length);
            json[json.length - 2] = '"';
            json[json.length - 1] = '}';
            assertThrows(IOException.class, () -> JsonOutline.read(json, "c", null, null));
        }
    }

    @Test
    void aNameWithEscapes_isComparedAsItsText() throws IOException {
        JsonOutline outline = read("{\"d\\u0061ta\":[1,2,3],\"next\\u005fcursor\":\"x\"}", "/data", null);
        assertEquals(Optional.of(3), outline.records());
        assertTrue(outline.hasCursor());
    }

    @Test
    void deeperThanItFollows_isLeftToTheTreeParser() throws IOException {
        String deep = "{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}";
        assertEquals(Optional.empty(), JsonOutline.read(deep.getBytes(StandardCharsets.UTF_8), "c", "/a", null));
    }

    /** Whether the outline and a strict parser agree that {@code json} is, or is not, one JSON object. */
    private static boolean agrees(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        if (!text.stripLeading().startsWith("{")) {
            return false;
        }
        boolean jackson;
        try {
            jackson = STRICT.readTree(json).isObject();
        } catch (IOException e) {
            jackson = false;
        }
        boolean ours;
        try {
            ours = JsonOutline.read(json, "next_cursor", "/data/bookings", "/pagination/hasNextPage")
                    .isPresent();
        } catch (IOException e) {
            ours = false;
        }
        assertEquals(jackson, ours, text);
        return true;
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
        return JsonOutline.read(json.getBytes(StandardCharsets.UTF_8), "next_cursor", records, more)
                .orElseThrow();
    }
}

package io.calcommcp.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.TestCompiler;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text blocks hold exactly the text they were made from: each tricky text is compiled into a class
 * and read back.
 */
class JavaTextTest {

    private static final List<String> TEXTS = List.of(
            "{\n  \"description\": \"say \\\"hi\\\"\",\n  \"empty\": \"\"\n}",
            "ends with a quote\"",
            "ends with two quotes\"\"",
            "three \"\"\" in a row, and four \"\"\"\"",
            "a backslash \\ and \\\\ two, and \\u0041 that is no escape",
            "a tab\tand a bell\u0007 and a form feed\f",
            "non-ASCII: Zürich, 東京, 🙂",
            "line one\n\n  indented line three\nlast",
            "trailing spaces   \nand an em space at the end\u2003");

    @TempDir
    Path temp;

    @Test
    void blocksRoundTripThroughTheCompiler() throws Exception {
        List<String> blocks = new ArrayList<>();
        for (String text : TEXTS) {
            blocks.add(JavaText.literal(text).toString());
        }
        assertEquals(TEXTS, compileAndRead(blocks));
        assertTrue(blocks.get(0).startsWith("\"\"\"\n"), "a text block where it can be one");
        assertTrue(blocks.get(TEXTS.size() - 1).startsWith("\"trailing"), "a plain literal where it cannot");
    }

    @Test
    void wrappedBlocksAreOneParagraphAgain() throws Exception {
        String paragraph = "Create a booking for an event type, given by eventTypeId, or by eventTypeSlug plus "
                + "username (individual) or teamSlug (team); a \"quoted\" part, a path C:\\\\temp, and a very "
                + "long word: https://example.com/" + "x".repeat(120) + " at the end\"";
        String block = JavaText.wrapped(paragraph).toString();
        assertTrue(block.lines().count() > 3, block);
        assertTrue(block.lines().allMatch(l -> l.length() <= JavaText.WRAP_WIDTH + 200), block);
        assertEquals(List.of(paragraph), compileAndRead(List.of(block)));
    }

    @Test
    void onlyTextsThatFitAClassFileConstantAreConstants() {
        assertTrue(JavaText.fitsConstant("x".repeat(60_000)));
        assertFalse(JavaText.fitsConstant("x".repeat(70_000)));
        assertFalse(JavaText.fitsConstant("東".repeat(22_000)), "three bytes each in a class file");
    }

    @Test
    void aTextTooLargeForOneConstantIsJoinedFromBlocksThatEachFitOne() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 4_000; i++) {
            big.append("  \"property")
                    .append(i)
                    .append("\": {\"type\": \"string\", \"description\": \"Zürich 東京\"},\n");
        }
        big.append("x".repeat(50_000)).append("🙂".repeat(12_000)).append("\nlast line, no break");
        String text = big.toString();
        assertFalse(JavaText.fitsConstant(text), "the test needs a text larger than one constant");
        String joined = JavaText.parts(text).toString();
        assertTrue(joined.startsWith("java.lang.String.join(\n\"\",\n\"\"\"\n"), joined.substring(0, 40));
        assertTrue(joined.split("\"\"\"\n").length > 5, "several blocks");
        assertEquals(List.of(text), compileAndRead(List.of(joined)));
    }

    private List<String> compileAndRead(List<String> blocks) throws Exception {
        StringBuilder source = new StringBuilder("package t;\npublic final class Texts {\n");
        source.append("    public static final String[] ALL = {\n");
        for (String block : blocks) {
            source.append("        ").append(block).append(",\n");
        }
        source.append("    };\n}\n");
        Path dir = Files.createDirectories(temp.resolve("src/t"));
        Path file = Files.writeString(dir.resolve("Texts.java"), source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        TestCompiler.compile(List.of(file), classes, List.of());
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()})) {
            String[] all =
                    (String[]) loader.loadClass("t.Texts").getField("ALL").get(null);
            return List.of(all);
        }
    }
}

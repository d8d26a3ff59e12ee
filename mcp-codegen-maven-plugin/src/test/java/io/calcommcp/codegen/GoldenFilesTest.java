package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.core.CodegenResult;
import io.calcommcp.codegen.write.InputDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates from the small specs in {@code golden/good/} and compares every output file with
 * {@code golden/expected/}. Run with {@code UPDATE_GOLDEN=true} to rewrite the expected files
 * after an intended change, then review the diff.
 */
class GoldenFilesTest {

    static final Path GOOD = Path.of("src/test/resources/golden/good");
    static final Path EXPECTED = Path.of("src/test/resources/golden/expected");
    static final String PACKAGE = "com.example.shop.tools";

    @TempDir
    Path temp;

    @Test
    void widgetsOutputMatchesGoldenFiles() throws Exception {
        assertMatchesGoldenFiles("widgets");
    }

    /** A search section and a key check: the profile names both with builder calls. */
    @Test
    void notesOutputWithSearchMatchesGoldenFiles() throws Exception {
        CodegenResult result = assertMatchesGoldenFiles("notes");
        assertEquals(List.of(), result.warnings(), "every pointer of the search section is a field of its records");
    }

    private CodegenResult assertMatchesGoldenFiles(String name) throws Exception {
        Path out = temp.resolve("out");
        CodegenResult result = generate(name, out);
        assertFalse(result.upToDate());
        Map<String, String> actual = read(out);
        Path expectedDir = EXPECTED.resolve(name);
        if ("true".equals(System.getenv("UPDATE_GOLDEN"))) {
            write(expectedDir, actual);
        }
        Map<String, String> expected = read(expectedDir);
        assertEquals(expected.keySet(), actual.keySet(), "generated file names");
        for (String file : expected.keySet()) {
            assertEquals(expected.get(file), actual.get(file), file);
        }
        return result;
    }

    @Test
    void outputForAnotherVendorsSpecNamesNoOtherVendor() throws Exception {
        Path out = temp.resolve("out");
        generate("widgets", out);
        generate("notes", temp.resolve("notes"));
        Map<String, String> files = new TreeMap<>(read(out));
        read(temp.resolve("notes")).forEach((name, text) -> files.put("notes/" + name, text));
        for (Map.Entry<String, String> file : files.entrySet()) {
            // The shared tool API lives in io.calcommcp.toolapi: the project's name, not the vendor's.
            String text = file.getValue().toLowerCase(java.util.Locale.ROOT).replace("io.calcommcp.", "");
            assertFalse(text.contains("cal.com") || text.contains("calcom"), file.getKey() + " names Cal.com");
        }
    }

    @Test
    void generatedSourcesCompileWithoutWarnings() throws Exception {
        Path out = temp.resolve("out");
        generate("widgets", out);
        generate("notes", out.resolve("notes"));
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(out)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Path classes = Files.createDirectories(temp.resolve("classes"));
        assertEquals(
                List.of(),
                TestCompiler.compile(
                        sources, classes, List.of("-Xlint:all", "-Werror", "-classpath", toolApiClasses())),
                "no warnings");
        assertTrue(Files.exists(classes.resolve("com/example/shop/tools/ShopToolCatalog.class")));
        assertTrue(Files.exists(classes.resolve("com/example/shop/tools/JotProfile.class")));
    }

    /** Where the shared tool API's classes are: generated code needs them and nothing else. */
    static String toolApiClasses() throws Exception {
        return Path.of(io.calcommcp.toolapi.ToolDefinition.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    /**
     * Catches output that depends on the time, the output folder or anything else that differs
     * between runs. Hash-order differences only show across JVMs: the {@code lock-check-history}
     * integration test compares two separate builds byte for byte.
     */
    @Test
    void twoRunsProduceIdenticalBytes() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        generate("widgets", first);
        generate("widgets", second);
        generate("notes", first.resolve("notes"));
        generate("notes", second.resolve("notes"));
        Map<String, String> a = read(first);
        Map<String, String> b = read(second);
        assertEquals(a.keySet(), b.keySet());
        for (String file : a.keySet()) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
        }
    }

    @Test
    void unchangedInputsSkipWorkAndAnyChangeRegenerates() throws Exception {
        Path out = temp.resolve("out");
        Path rules = temp.resolve("rules.yaml");
        Files.copy(GOOD.resolve("widgets/rules.yaml"), rules);
        Files.copy(GOOD.resolve("widgets/instructions.md"), temp.resolve("instructions.md"));
        CodegenRequest request =
                new CodegenRequest(GOOD.resolve("widgets/openapi.yaml").toString(), rules, out, PACKAGE, "1.0");
        assertFalse(new Codegen().generate(request).upToDate());
        assertTrue(new Codegen().generate(request).upToDate(), "second run with the same inputs");

        Files.writeString(rules, Files.readString(rules) + "\n# a comment changes the bytes\n");
        assertFalse(new Codegen().generate(request).upToDate(), "rules changed");
        assertTrue(new Codegen().generate(request).upToDate());

        CodegenRequest otherVersion =
                new CodegenRequest(GOOD.resolve("widgets/openapi.yaml").toString(), rules, out, PACKAGE, "1.1");
        assertFalse(new Codegen().generate(otherVersion).upToDate(), "generator version changed");

        Files.delete(out.resolve("com/example/shop/tools/ListAllShopWidgets.java"));
        assertFalse(new Codegen().generate(otherVersion).upToDate(), "a generated file was deleted");
        assertTrue(Files.exists(out.resolve("com/example/shop/tools/ListAllShopWidgets.java")));
    }

    @Test
    void staleFilesAreRemovedWhenAToolDisappears() throws Exception {
        Path out = temp.resolve("out");
        generate("widgets", out);
        Path rules = temp.resolve("rules.yaml");
        Files.copy(GOOD.resolve("widgets/instructions.md"), temp.resolve("instructions.md"));
        Files.writeString(
                rules,
                // One more rule at the end of the rules list, which the paging block follows.
                Files.readString(GOOD.resolve("widgets/rules.yaml"))
                        .replace(
                                "\npaging:",
                                "\n  - match: {operation: WidgetsController_delete}\n    expose: false\n"
                                        + "    reason: not wanted\npaging:"));
        new Codegen()
                .generate(new CodegenRequest(
                        GOOD.resolve("widgets/openapi.yaml").toString(), rules, out, PACKAGE, "test"));
        assertFalse(Files.exists(out.resolve("com/example/shop/tools/DeleteAShopWidgetById.java")));
        assertTrue(Files.exists(out.resolve("com/example/shop/tools/GetSingleShopWidgetById.java")));
    }

    @Test
    void summaryListsExclusionsAndWarnsAboutRulesThatMatchNothing() throws Exception {
        CodegenResult result = generate("widgets", temp.resolve("out"));
        String summary = String.join("\n", result.summary());
        assertTrue(summary.contains("Generated 11 tools from openapi.yaml (12 operations, 1 not exposed)"), summary);
        assertTrue(summary.contains("1 x deprecated"), summary);
        String rules = GOOD.resolve("widgets/rules.yaml").toString();
        assertTrue(
                result.warnings().stream()
                        .anyMatch(w -> w.render().equals(rules + ":30: rule (tag Nothing*) matches no operation")),
                result.warnings()::toString);
    }

    static CodegenResult generate(String name, Path out) throws Exception {
        return new Codegen()
                .generate(new CodegenRequest(
                        GOOD.resolve(name + "/openapi.yaml").toString(),
                        GOOD.resolve(name + "/rules.yaml"),
                        out,
                        PACKAGE,
                        "test"));
    }

    static Map<String, String> read(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (!relative.equals(InputDigest.FILE_NAME)) {
                    files.put(relative, Files.readString(p));
                }
            }
        }
        return files;
    }

    static void write(Path root, Map<String, String> files) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }
}

package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.core.CodegenResult;
import io.calcommcp.codegen.core.SurfaceCheck;
import io.calcommcp.codegen.core.SurfaceCheckRequest;
import io.calcommcp.codegen.core.SurfaceCheckResult;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.spec.ResolvedSpec;
import io.calcommcp.codegen.spec.Sha256;
import io.calcommcp.codegen.spec.SpecSearch;
import io.calcommcp.codegen.surface.ToolSurface;
import io.calcommcp.codegen.testing.SpecServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkout without a copy of the spec: the generator downloads it (from a local HTTP server
 * standing in for where it is published), a lock update records its sha-256, a rebuild without
 * the server finds it in the cache, and a spec that changed at the URL is caught by the check with
 * both ways forward, while one whose tools did not change passes.
 */
class SpecFromUrlTest {

    static final Path WIDGETS = GoldenFilesTest.GOOD.resolve("widgets");

    @TempDir
    Path temp;

    private SpecServer server;
    private byte[] spec;
    private Path rules;
    private Path lock;

    @BeforeEach
    void setUp() throws Exception {
        spec = Files.readAllBytes(WIDGETS.resolve("openapi.yaml"));
        server = SpecServer.serving(spec);
        rules = temp.resolve("rules.yaml");
        Files.copy(WIDGETS.resolve("rules.yaml"), rules);
        Files.copy(WIDGETS.resolve("instructions.md"), temp.resolve("instructions.md"));
        lock = temp.resolve("tools.lock.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CodegenResult generate(String out) throws CodegenException {
        return generate(out, "cache");
    }

    /** A build with the cache folder {@code cache}: another name stands for another machine. */
    private CodegenResult generate(String out, String cache) throws CodegenException {
        SpecSearch search = new SpecSearch(
                Optional.empty(),
                Optional.of(temp.resolve("no-shared/openapi.json")),
                Optional.of(server.url()),
                temp.resolve(cache),
                Optional.empty(),
                Duration.ofSeconds(2),
                false);
        return new Codegen()
                .generate(new CodegenRequest(
                        search, Optional.of(lock), rules, temp.resolve(out), GoldenFilesTest.PACKAGE, "test"));
    }

    private SurfaceCheckResult check(String out, boolean update) throws CodegenException {
        return new SurfaceCheck()
                .run(new SurfaceCheckRequest(temp.resolve(out), lock, update, Optional.of(temp.resolve("report.md"))));
    }

    @Test
    void buildsFromTheUrl_thenOfflineFromTheCache_andFailsClearlyWithNeither() throws Exception {
        CodegenResult first = generate("out");
        assertEquals(ResolvedSpec.Origin.DOWNLOAD, first.spec().origin());
        assertEquals(Sha256.of(spec), first.spec().sha256());
        // The generated headers name the URL, never the cache's local path.
        String tool = Files.readString(temp.resolve("out/com/example/shop/tools/ListAllShopWidgets.java"));
        assertTrue(tool.contains("from " + server.url() + " and rules.yaml"), tool);
        assertEquals(SurfaceCheckResult.Outcome.UPDATED, check("out", true).outcome());
        assertEquals(Optional.of(Sha256.of(spec)), ToolSurface.recordedSpecSha256(lock));

        server.close();
        CodegenResult offline = generate("out");
        assertEquals(ResolvedSpec.Origin.CACHE, offline.spec().origin());
        assertTrue(offline.upToDate(), "the same bytes under the same name: nothing to generate");
        assertEquals(SurfaceCheckResult.Outcome.UNCHANGED, check("out", false).outcome());

        try (Stream<Path> cached = Files.walk(temp.resolve("cache"))) {
            for (Path p : cached.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        CodegenException e = assertThrows(CodegenException.class, () -> generate("out"));
        assertTrue(e.getMessage().contains(server.url()), e.getMessage());
        assertTrue(e.getMessage().contains("the cache " + temp.resolve("cache")), e.getMessage());
        assertTrue(e.getMessage().contains("-Dcalcom.openapi.spec=<path or URL>"), e.getMessage());
    }

    @Test
    void aSpecThatChangedAtTheUrl_failsTheCheck_namingBothSpecs() throws Exception {
        generate("out");
        check("out", true);
        String locked = Sha256.of(spec);
        byte[] changed = new String(spec, StandardCharsets.UTF_8)
                .replace("summary: Shop statistics", "summary: Shop statistics, by day")
                .getBytes(StandardCharsets.UTF_8);
        server.serve(changed);

        // A machine whose cache holds the lock's spec builds that one; this one's cache is empty.
        assertEquals(ResolvedSpec.Origin.CACHE, generate("out-2").spec().origin());
        CodegenResult result = generate("out-3", "other-cache");
        assertEquals(ResolvedSpec.Origin.DOWNLOAD, result.spec().origin());
        assertTrue(
                result.warnings().get(0).message().startsWith("the downloaded spec (sha-256 " + Sha256.of(changed)),
                result.warnings().toString());
        SurfaceCheckResult checked = check("out-3", false);
        assertEquals(SurfaceCheckResult.Outcome.CHANGED, checked.outcome());
        assertEquals(Optional.of(new SurfaceCheckResult.SpecChange(locked, Sha256.of(changed))), checked.specChange());
    }

    @Test
    void aSpecWithOtherBytesButTheSameTools_passesTheCheck_andAnUpdateRecordsItsSha256() throws Exception {
        generate("out");
        check("out", true);
        byte[] reworded =
                (new String(spec, StandardCharsets.UTF_8) + "\n# a comment\n").getBytes(StandardCharsets.UTF_8);
        server.serve(reworded);
        generate("out-2", "other-cache");
        SurfaceCheckResult checked = check("out-2", false);
        assertEquals(SurfaceCheckResult.Outcome.UNCHANGED, checked.outcome());
        assertTrue(
                checked.warnings()
                        .get(0)
                        .contains("but the tool surface is the same; update mode"
                                + " (-Dcalcom.lock.update=true) records the new sha-256"),
                checked.warnings().toString());
        assertFalse(checked.specChange().isEmpty());

        assertEquals(SurfaceCheckResult.Outcome.UPDATED, check("out-2", true).outcome());
        assertEquals(Optional.of(Sha256.of(reworded)), ToolSurface.recordedSpecSha256(lock));
        assertEquals(SurfaceCheckResult.Outcome.UNCHANGED, check("out-2", false).outcome());
        assertTrue(check("out-2", false).warnings().isEmpty());
    }
}

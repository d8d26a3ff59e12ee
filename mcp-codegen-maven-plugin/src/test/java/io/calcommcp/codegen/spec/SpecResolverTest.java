package io.calcommcp.codegen.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.testing.SpecServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec is found in the documented order (given, local copy, the cache by the lock's sha-256, a
 * download), a download is kept in the cache whole or not at all, and with no copy anywhere one
 * error names every place looked. A local HTTP server stands in for the published spec.
 */
class SpecResolverTest {

    private static final byte[] SPEC = "{\"openapi\": \"3.0.3\", \"paths\": {}}\n".getBytes(StandardCharsets.UTF_8);
    private static final String SHA = Sha256.of(SPEC);

    @TempDir
    Path temp;

    private SpecServer server = SpecServer.serving(SPEC);

    @AfterEach
    void stop() {
        server.close();
    }

    private Path cache() {
        return temp.resolve("cache");
    }

    private SpecSearch search(Optional<String> locked) {
        return new SpecSearch(
                Optional.empty(),
                Optional.of(temp.resolve("shared/openapi.json")),
                Optional.of(server.url()),
                cache(),
                locked,
                Duration.ofSeconds(2),
                false);
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.isDirectory(cache())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache())) {
            return files.sorted().toList();
        }
    }

    @Test
    void aDownload_isKeptByItsSha256_andALaterBuildFindsItThereWithoutTheNetwork() throws Exception {
        ResolvedSpec downloaded = new SpecResolver().resolve(search(Optional.empty()));
        assertEquals(ResolvedSpec.Origin.DOWNLOAD, downloaded.origin());
        assertEquals(SHA, downloaded.sha256());
        assertEquals(cache().resolve(SHA + ".json"), downloaded.file());
        assertArrayEquals(SPEC, Files.readAllBytes(downloaded.file()));
        assertEquals(List.of(cache().resolve(SHA + ".json")), cacheFiles(), "one entry, no temporary file");
        assertEquals(server.url(), downloaded.source().displayName());
        assertEquals("downloaded from " + server.url() + " into " + downloaded.file(), downloaded.summary());

        server.close();
        ResolvedSpec cached = new SpecResolver().resolve(search(Optional.of(SHA)));
        assertEquals(ResolvedSpec.Origin.CACHE, cached.origin());
        assertEquals(downloaded.file(), cached.file());
        assertArrayEquals(SPEC, cached.source().bytes());
        // The same name as the download's, so that generated headers (and the digest) agree.
        assertEquals(server.url(), cached.source().displayName());
        assertEquals(1, server.requests());
    }

    @Test
    void withNoCopyAnywhere_oneErrorNamesTheUrlTheCacheAndHowToGiveASpec() throws Exception {
        String url = server.url();
        server.close();
        CodegenException e =
                assertThrows(CodegenException.class, () -> new SpecResolver().resolve(search(Optional.of(SHA))));
        assertEquals(1, e.errors().size(), e.getMessage());
        String message = e.getMessage();
        assertTrue(message.contains(url + ": no copy of the OpenAPI spec was found:"), message);
        assertTrue(
                message.contains("the local copy " + temp.resolve("shared/openapi.json") + " does not exist"), message);
        assertTrue(
                message.contains("the cache " + cache() + " holds no spec with sha-256 " + SHA
                        + " (the one the lock was made from)"),
                message);
        assertTrue(message.contains("downloading " + url + " failed: could not connect"), message);
        assertTrue(
                message.contains("fix: connect to the network and build again, or give a copy of the spec:"
                        + " -Dcalcom.openapi.spec=<path or URL>"),
                message);
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void offline_nothingIsDownloaded_andTheErrorSaysSo() {
        SpecSearch offline = new SpecSearch(
                Optional.empty(),
                Optional.empty(),
                Optional.of(server.url()),
                cache(),
                Optional.of(SHA),
                Duration.ofSeconds(2),
                true);
        CodegenException e = assertThrows(CodegenException.class, () -> new SpecResolver().resolve(offline));
        assertTrue(
                e.getMessage().contains("Maven runs offline (-o), so " + server.url() + " was not downloaded"),
                e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void theLocalCopyComesBeforeTheCacheAndTheUrl_andAGivenSpecBeforeEverything() throws Exception {
        new SpecResolver().resolve(search(Optional.empty())); // fills the cache
        Path shared = Files.createDirectories(temp.resolve("shared")).resolve("openapi.json");
        Files.write(shared, SPEC);
        ResolvedSpec local = new SpecResolver().resolve(search(Optional.of(SHA)));
        assertEquals(ResolvedSpec.Origin.LOCAL_COPY, local.origin());
        assertEquals("openapi.json", local.source().displayName());
        assertEquals(shared.toAbsolutePath().normalize(), local.file());

        Path mine = Files.writeString(temp.resolve("mine.yaml"), "openapi: 3.0.3\npaths: {}\n");
        SpecSearch given = new SpecSearch(
                Optional.of(mine.toString()),
                Optional.of(shared),
                Optional.of(server.url()),
                cache(),
                Optional.of(SHA),
                Duration.ofSeconds(2),
                false);
        ResolvedSpec used = new SpecResolver().resolve(given);
        assertEquals(ResolvedSpec.Origin.GIVEN_FILE, used.origin());
        assertEquals("mine.yaml", used.source().displayName());
        assertEquals(1, server.requests());
    }

    @Test
    void aGivenUrl_isDownloadedIntoTheCache_soTheBuildHasALocalFile() throws Exception {
        SpecSearch given = new SpecSearch(
                Optional.of(server.url()),
                Optional.empty(),
                Optional.empty(),
                cache(),
                Optional.empty(),
                Duration.ofSeconds(2),
                false);
        ResolvedSpec used = new SpecResolver().resolve(given);
        assertEquals(ResolvedSpec.Origin.GIVEN_URL, used.origin());
        assertEquals(cache().resolve(SHA + ".json"), used.file());
    }

    @Test
    void aSpecThatChangedAtTheUrl_isDownloaded_withANoteNamingBothSha256s() throws Exception {
        String locked = Sha256.of("the spec the lock was made from".getBytes(StandardCharsets.UTF_8));
        ResolvedSpec used = new SpecResolver().resolve(search(Optional.of(locked)));
        assertEquals(ResolvedSpec.Origin.DOWNLOAD, used.origin());
        assertEquals(1, used.notes().size());
        assertEquals(
                "the downloaded spec (sha-256 " + SHA + ") is not the one the lock was made from (sha-256 " + locked
                        + "); the tools generated from it are checked against the lock",
                used.notes().get(0).message());
    }

    @Test
    void aDownloadCutShort_neverBecomesACacheEntry() throws Exception {
        server.serve(new byte[50_000]);
        server.behave(SpecServer.Behaviour.HANG_UP_HALFWAY);
        CodegenException e =
                assertThrows(CodegenException.class, () -> new SpecResolver().resolve(search(Optional.empty())));
        assertTrue(e.getMessage().contains("downloading " + server.url() + " failed: "), e.getMessage());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void aServerThatNeverAnswers_stopsTheBuildAfterTheTimeout() throws Exception {
        server.behave(SpecServer.Behaviour.STALL);
        SpecSearch quick = new SpecSearch(
                Optional.empty(),
                Optional.empty(),
                Optional.of(server.url()),
                cache(),
                Optional.empty(),
                Duration.ofSeconds(1),
                false);
        long started = System.nanoTime();
        CodegenException e = assertThrows(CodegenException.class, () -> new SpecResolver().resolve(quick));
        assertTrue(
                e.getMessage().contains("within the timeout") || e.getMessage().contains("within 1 s"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "it gave up");
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void anErrorStatus_isNamed() {
        server.behave(SpecServer.Behaviour.NOT_FOUND);
        CodegenException e =
                assertThrows(CodegenException.class, () -> new SpecResolver().resolve(search(Optional.empty())));
        assertTrue(e.getMessage().contains("failed: the server answered HTTP 404"), e.getMessage());
    }

    @Test
    void aDamagedCacheEntry_isDeletedAndDownloadedAgain() throws Exception {
        Files.createDirectories(cache());
        Files.writeString(cache().resolve(SHA + ".json"), "{\"not\": \"it\"}");
        ResolvedSpec used = new SpecResolver().resolve(search(Optional.of(SHA)));
        assertEquals(ResolvedSpec.Origin.DOWNLOAD, used.origin());
        assertArrayEquals(SPEC, Files.readAllBytes(cache().resolve(SHA + ".json")));
        assertTrue(
                used.notes().get(0).message().contains("do not have the sha-256 its name says; it was deleted"),
                used.notes().toString());
    }

    @Test
    void credentialsInTheUrl_appearNowhere() throws Exception {
        String secret = server.url().replace("http://", "http://someone:s3cret@") + "?token=t0ken";
        SpecSearch search = new SpecSearch(
                Optional.empty(),
                Optional.empty(),
                Optional.of(secret),
                cache(),
                Optional.empty(),
                Duration.ofSeconds(2),
                false);
        ResolvedSpec used = new SpecResolver().resolve(search);
        for (String shown : List.of(
                used.summary(), used.source().displayName(), used.source().location())) {
            assertFalse(shown.contains("s3cret") || shown.contains("t0ken"), shown);
        }
        server.close();
        CodegenException e = assertThrows(
                CodegenException.class,
                () -> new SpecResolver().resolve(search.expecting(Optional.of(Sha256.of(new byte[1])))));
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("t0ken"), e.getMessage());
    }
}

package io.calcommcp.codegen.spec;

import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.diagnostics.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the spec a build uses, in this order, and says which it used:
 *
 * <ol>
 *   <li>the spec the user gave (a file, or a URL downloaded into the cache), and nothing else;
 *   <li>the local copy, when it exists;
 *   <li>the download cache's entry with the sha-256 the lock was made from, when the lock records
 *       one: the spec this repository was tested with, found without the network;
 *   <li>a download from where the spec is published, kept in the cache.
 * </ol>
 *
 * When none of these yields a spec, one error names every place it looked: the local copy, the
 * cache, the URL it tried, and how to give a spec.
 */
public final class SpecResolver {

    /** How a user names a spec of their own; the one way out that always works. */
    static final String GIVE_A_SPEC = "-Dcalcom.openapi.spec=<path or URL>";

    /** Resolves {@code search}, or throws with every place it looked. */
    public ResolvedSpec resolve(SpecSearch search) throws CodegenException {
        if (search.given().isPresent()) {
            return given(search, search.given().get());
        }
        List<String> looked = new ArrayList<>();
        looked.add("no spec was given (" + GIVE_A_SPEC + ")");
        if (search.localCopy().isPresent()) {
            Path copy = search.localCopy().get();
            if (Files.isRegularFile(copy)) {
                SpecSource source = readFile(copy);
                return new ResolvedSpec(
                        source,
                        ResolvedSpec.Origin.LOCAL_COPY,
                        copy.toAbsolutePath().normalize(),
                        Sha256.of(source.bytes()),
                        "the local copy " + copy.normalize(),
                        List.of());
            }
            looked.add("the local copy " + copy.normalize() + " does not exist");
        }
        SpecCache cache = new SpecCache(search.cache());
        List<Diagnostic> notes = new ArrayList<>();
        Optional<String> url = search.publishedUrl();
        String shownUrl = url.map(SpecLoader::displayUrl).orElse("");
        if (search.lockedSha256().isPresent()) {
            String sha = search.lockedSha256().get();
            SpecCache.Lookup found = lookup(cache, sha);
            found.discarded()
                    .ifPresent(entry -> notes.add(Diagnostic.warning(
                            Location.file(entry),
                            "this cache entry's bytes do not have the sha-256 its name says; it was deleted",
                            "nothing to do: the spec is downloaded again")));
            if (found.file().isPresent()) {
                Path entry = found.file().get();
                String name = url.isPresent() ? shownUrl : entry.getFileName().toString();
                return new ResolvedSpec(
                        new SpecSource(name, entry.toString(), found.bytes().get()),
                        ResolvedSpec.Origin.CACHE,
                        entry,
                        sha,
                        "the cached download " + entry + (url.isPresent() ? " of " + shownUrl : ""),
                        notes);
            }
            looked.add("the cache " + cache.folder() + " holds no spec with sha-256 " + sha
                    + " (the one the lock was made from)");
        } else {
            looked.add("the lock records no spec sha-256, so the cache " + cache.folder() + " was not searched");
        }
        if (url.isEmpty()) {
            throw notFound(Location.file("spec"), looked, "no URL to download it from is configured");
        }
        if (search.offline()) {
            throw notFound(
                    Location.file(shownUrl), looked, "Maven runs offline (-o), so " + shownUrl + " was not downloaded");
        }
        byte[] bytes;
        try {
            bytes = SpecDownload.fetch(url.get(), search.timeout());
        } catch (SpecDownload.Failure e) {
            throw notFound(Location.file(shownUrl), looked, "downloading " + shownUrl + " failed: " + e.getMessage());
        }
        Path entry = store(cache, bytes, shownUrl);
        String sha = Sha256.of(bytes);
        search.lockedSha256()
                .filter(locked -> !locked.equals(sha))
                .ifPresent(locked -> notes.add(Diagnostic.warning(
                        Location.file(shownUrl),
                        "the downloaded spec (sha-256 " + sha + ") is not the one the lock was made from (sha-256 "
                                + locked + "); the tools generated from it are checked against the lock",
                        "")));
        return new ResolvedSpec(
                new SpecSource(shownUrl, shownUrl, bytes),
                ResolvedSpec.Origin.DOWNLOAD,
                entry,
                sha,
                "downloaded from " + shownUrl + " into " + entry,
                notes);
    }

    private static ResolvedSpec given(SpecSearch search, String location) throws CodegenException {
        String lower = location.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            Path file = lower.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
            SpecSource source = readFile(file);
            return new ResolvedSpec(
                    source,
                    ResolvedSpec.Origin.GIVEN_FILE,
                    file.toAbsolutePath().normalize(),
                    Sha256.of(source.bytes()),
                    "the given spec " + location,
                    List.of());
        }
        String shown = SpecLoader.displayUrl(location);
        if (search.offline()) {
            throw new CodegenException(
                    Location.file(shown),
                    "Maven runs offline (-o), so the given spec cannot be downloaded",
                    "build without -o, or give a local file: " + GIVE_A_SPEC);
        }
        byte[] bytes;
        try {
            bytes = SpecDownload.fetch(location, search.timeout());
        } catch (SpecDownload.Failure e) {
            throw new CodegenException(
                    Location.file(shown),
                    "cannot download the OpenAPI spec: " + e.getMessage(),
                    "check the URL and the network, or give a local file: " + GIVE_A_SPEC);
        }
        Path entry = store(new SpecCache(search.cache()), bytes, shown);
        return new ResolvedSpec(
                new SpecSource(shown, shown, bytes),
                ResolvedSpec.Origin.GIVEN_URL,
                entry,
                Sha256.of(bytes),
                "the given spec, downloaded from " + shown + " into " + entry,
                List.of());
    }

    private static SpecSource readFile(Path file) throws CodegenException {
        return new SpecLoader().read(file.toString());
    }

    private static SpecCache.Lookup lookup(SpecCache cache, String sha) throws CodegenException {
        try {
            return cache.find(sha);
        } catch (IOException e) {
            throw new CodegenException(
                    Location.file(cache.folder().toString()),
                    "cannot read the spec cache: " + e.getMessage(),
                    "check its permissions, or point -Dcalcom.openapi.cache=<folder> at another folder");
        }
    }

    private static Path store(SpecCache cache, byte[] bytes, String shownUrl) throws CodegenException {
        try {
            return cache.store(bytes);
        } catch (IOException e) {
            throw new CodegenException(
                    Location.file(cache.folder().toString()),
                    "cannot keep the spec downloaded from " + shownUrl + " in the cache: " + e.getMessage(),
                    "check the folder's permissions and free disk space, or point -Dcalcom.openapi.cache=<folder>"
                            + " at another folder");
        }
    }

    private static CodegenException notFound(Location where, List<String> looked, String last) {
        StringBuilder message = new StringBuilder("no copy of the OpenAPI spec was found:");
        for (String place : looked) {
            message.append("\n      ").append(place).append(';');
        }
        message.append("\n      ").append(last).append('.');
        return new CodegenException(
                where,
                message.toString(),
                "connect to the network and build again, or give a copy of the spec: " + GIVE_A_SPEC);
    }
}

package io.calcommcp.codegen.spec;

import io.calcommcp.codegen.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The spec a build uses, and where it came from.
 *
 * @param source its bytes and the name generated files and messages show for it (a file name or a
 *     URL without credentials, never a local absolute path)
 * @param origin which step of the search found it
 * @param file the local file holding exactly these bytes (a download's cache entry), for the rest
 *     of the build to read
 * @param sha256 the sha-256 of the bytes
 * @param summary where it was found, for the build's summary: {@code downloaded from
 *     https://... into /home/me/.m2/...}, with URLs shown without credentials
 * @param notes what is worth a look (a cache entry that was not what its name says, a download
 *     that is not the spec the lock was made from)
 */
public record ResolvedSpec(
        SpecSource source, Origin origin, Path file, String sha256, String summary, List<Diagnostic> notes) {

    /** Which step of the search found the spec. */
    public enum Origin {
        /** The spec the user named, a file. */
        GIVEN_FILE,
        /** The spec the user named, downloaded from its URL into the cache. */
        GIVEN_URL,
        /** The local copy. */
        LOCAL_COPY,
        /** An earlier download, found in the cache by the lock's sha-256. */
        CACHE,
        /** Downloaded from where it is published, into the cache. */
        DOWNLOAD
    }

    public ResolvedSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(summary, "summary");
        notes = List.copyOf(notes);
    }
}

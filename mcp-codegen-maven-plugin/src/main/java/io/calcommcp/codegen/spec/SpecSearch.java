package io.calcommcp.codegen.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to look for the spec, in the order {@link SpecResolver} looks: the spec the user gave,
 * a local copy, the download cache (by the sha-256 the lock was made from), a download.
 *
 * @param given the spec the user named (a file path or an http(s) URL); used alone when present
 * @param localCopy a copy that is used when it exists (this repository's: the reference copy
 *     beside the checkout)
 * @param publishedUrl where the spec is published, downloaded when no copy is found
 * @param cache the download cache folder: downloads are kept there, named by their sha-256
 * @param lockedSha256 the sha-256 of the spec the committed lock was made from, if it records one
 * @param timeout how long connecting, and then the whole download, may each take
 * @param offline true when nothing may be downloaded (Maven's {@code -o})
 */
public record SpecSearch(
        Optional<String> given,
        Optional<Path> localCopy,
        Optional<String> publishedUrl,
        Path cache,
        Optional<String> lockedSha256,
        Duration timeout,
        boolean offline) {

    /** The default of {@link #timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public SpecSearch {
        given = given.map(String::trim).filter(g -> !g.isEmpty());
        Objects.requireNonNull(localCopy, "localCopy");
        publishedUrl = publishedUrl.map(String::trim).filter(u -> !u.isEmpty());
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(lockedSha256, "lockedSha256");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the download timeout must be positive: " + timeout);
        }
    }

    /** Just the spec at {@code location} (a file path or URL); downloads are kept in the system's temp folder. */
    public static SpecSearch given(String location) {
        return new SpecSearch(
                Optional.of(location),
                Optional.empty(),
                Optional.empty(),
                Path.of(System.getProperty("java.io.tmpdir"), "mcp-codegen-spec-cache"),
                Optional.empty(),
                DEFAULT_TIMEOUT,
                false);
    }

    /** The same search, knowing the sha-256 the lock was made from. */
    public SpecSearch expecting(Optional<String> sha256) {
        return new SpecSearch(given, localCopy, publishedUrl, cache, sha256, timeout, offline);
    }
}

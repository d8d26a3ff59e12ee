package io.calcommcp.codegen.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool-surface check compares and what it may write.
 *
 * @param generatedDirectory the generator's output folder, where {@code generate} left the surface
 *     it generated (see {@link io.calcommcp.codegen.surface.SurfaceCandidate})
 * @param lockFile the committed lock file; a missing file counts as an empty surface
 * @param update true to rewrite the lock file from the generated surface instead of failing on a
 *     difference
 * @param reportFile where to write the Markdown report, if anywhere; written in every mode
 */
public record SurfaceCheckRequest(Path generatedDirectory, Path lockFile, boolean update, Optional<Path> reportFile) {

    public SurfaceCheckRequest {
        Objects.requireNonNull(generatedDirectory, "generatedDirectory");
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(reportFile, "reportFile");
    }
}

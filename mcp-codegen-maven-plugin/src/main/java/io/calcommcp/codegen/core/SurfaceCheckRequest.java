package io.calcommcp.codegen.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool-surface check compares and what it may write.
 *
 * @param specLocation the OpenAPI document: a file path or an http(s) URL
 * @param rulesFile the tagging-rules YAML file
 * @param lockFile the committed lock file; a missing file counts as an empty surface
 * @param update true to rewrite the lock file from the spec and rules instead of failing on a
 *     difference
 * @param reportFile where to write the Markdown report, if anywhere; written in every mode
 */
public record SurfaceCheckRequest(
        String specLocation, Path rulesFile, Path lockFile, boolean update, Optional<Path> reportFile) {

    public SurfaceCheckRequest {
        Objects.requireNonNull(specLocation, "specLocation");
        Objects.requireNonNull(rulesFile, "rulesFile");
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(reportFile, "reportFile");
    }
}

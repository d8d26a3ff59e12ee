package io.calcommcp.codegen.core;

import io.calcommcp.codegen.surface.DiffReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool-surface check found and did, for the front end to report.
 *
 * @param outcome whether the lock matched, differed, or was rewritten
 * @param report the changes from the lock to the current surface; empty when nothing changed, and
 *     also empty when an unreadable lock was rewritten (there was nothing to compare with)
 * @param lockExisted false if there was no lock file yet
 * @param compared the generated surface file that was compared with the lock
 * @param warnings things worth a look that do not fail the check
 * @param specChange the lock's spec and this build's, when the lock records one and they differ
 */
public record SurfaceCheckResult(
        Outcome outcome,
        DiffReport report,
        boolean lockExisted,
        Path compared,
        List<String> warnings,
        Optional<SpecChange> specChange) {

    /**
     * The build used another spec than the one the lock was made from.
     *
     * @param lockedSha256 the sha-256 of the spec the lock was made from
     * @param usedSha256 the sha-256 of the spec this build used
     */
    public record SpecChange(String lockedSha256, String usedSha256) {}

    /** The three ways a check ends without an error. */
    public enum Outcome {
        /** The lock file records exactly the current surface. Nothing was written but the report. */
        UNCHANGED,
        /** Check mode: the surface differs from the lock. Nothing was written but the report. */
        CHANGED,
        /** Update mode: the lock file was rewritten. */
        UPDATED
    }

    public SurfaceCheckResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(compared, "compared");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(specChange, "specChange");
    }
}

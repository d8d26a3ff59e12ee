package io.calcommcp.codegen.core;

import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.surface.DiffReport;
import io.calcommcp.codegen.surface.OperationDiff;
import io.calcommcp.codegen.surface.SurfaceCandidate;
import io.calcommcp.codegen.surface.SurfaceDiff;
import io.calcommcp.codegen.surface.SurfaceFormatException;
import io.calcommcp.codegen.surface.ToolSurface;
import io.calcommcp.codegen.write.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compares the tool surface that {@code generate} produced with the committed lock file, and in
 * update mode rewrites the lock with it. The check reads two files, the surface generate left in
 * its output folder and the lock; it never reads the spec or the rules, so it sees exactly what was
 * generated and costs nothing beyond the comparison.
 *
 * <p>Nothing is written before every input has been read and checked: a missing generated surface
 * or (in check mode) a broken lock file fail with all their problems and leave the lock and the
 * report as they were.
 */
public final class SurfaceCheck {

    /** How to get a working lock file back; the same advice in every message about a broken one. */
    private static final String LOCK_HINT = "restore it from version control (git checkout -- <file>), or rewrite"
            + " it from the spec and rules in update mode (-Dcalcom.lock.update=true)";

    /** Runs the check (or the update) and writes the report. */
    public SurfaceCheckResult run(SurfaceCheckRequest request) throws CodegenException {
        Path compared = request.generatedDirectory().resolve(SurfaceCandidate.LOCK_FILE);
        SurfaceCandidate candidate = readCandidate(request.generatedDirectory(), compared);
        ToolSurface current;
        try {
            current = ToolSurface.parse(candidate.lockJson(), compared.toString());
        } catch (SurfaceFormatException e) {
            throw new CodegenException(
                    formatProblems(compared, e, "generate the sources again (the file is the generator's own)"));
        }

        Path lockFile = request.lockFile();
        boolean lockExists = Files.exists(lockFile);
        List<String> warnings = new ArrayList<>();
        ToolSurface locked = ToolSurface.empty();
        String unreadable = null;
        if (lockExists) {
            try {
                locked = ToolSurface.read(lockFile);
            } catch (SurfaceFormatException e) {
                if (!request.update()) {
                    throw new CodegenException(formatProblems(lockFile, e, LOCK_HINT));
                }
                // Update mode is how a broken lock (say, a merge conflict) gets repaired.
                unreadable = String.join("; ", e.problems());
                warnings.add(lockFile + " could not be read (" + unreadable + "); it is rewritten from the spec and"
                        + " rules, review the result with git diff");
            } catch (IOException e) {
                throw cannotRead(lockFile, e);
            }
        }

        DiffReport report = unreadable != null
                ? new DiffReport(List.of())
                : new DiffReport(
                        SurfaceDiff.between(locked, current),
                        OperationDiff.between(locked, current, candidate.exposedByRule()::contains));
        byte[] currentBytes = candidate.lockJson().getBytes(StandardCharsets.UTF_8);
        boolean sameBytes = lockExists && Arrays.equals(readBytes(lockFile), currentBytes);

        SurfaceCheckResult.Outcome outcome;
        if (request.update()) {
            if (!sameBytes) {
                write(lockFile, candidate.lockJson(), "cannot write the lock file");
            }
            outcome = sameBytes ? SurfaceCheckResult.Outcome.UNCHANGED : SurfaceCheckResult.Outcome.UPDATED;
        } else if (report.isEmpty() && lockExists) {
            boolean onlyTheSpecDiffers = !sameBytes
                    && Arrays.equals(
                            readBytes(lockFile),
                            current.withSpecSha256(locked.specSha256()).toJson().getBytes(StandardCharsets.UTF_8));
            if (onlyTheSpecDiffers) {
                // Same tools from other bytes (a reworded example, say): nothing to review, so no
                // failure; but the lock names the spec that builds without it find in the cache.
                warnings.add(locked.specSha256()
                        .map(was -> "the spec this build used (sha-256 "
                                + current.specSha256().orElse("?")
                                + ") is not the one " + lockFile + " records (sha-256 " + was + "), but the tool"
                                + " surface is the same; update mode (-Dcalcom.lock.update=true) records the new"
                                + " sha-256, so that builds without a copy of the spec find it in the download cache")
                        .orElse(lockFile + " does not record the spec's sha-256 yet; update mode"
                                + " (-Dcalcom.lock.update=true) records it, so that builds without a copy of the spec"
                                + " find it in the download cache"));
            } else if (!sameBytes) {
                // Same surface, other bytes: hand-formatted, or examples kept in a schema.
                warnings.add(lockFile + " records the current surface but not in the form this plugin writes;"
                        + " rewrite it in update mode (-Dcalcom.lock.update=true) to keep future diffs small");
            }
            outcome = SurfaceCheckResult.Outcome.UNCHANGED;
        } else {
            outcome = SurfaceCheckResult.Outcome.CHANGED;
        }

        if (request.reportFile().isPresent()) {
            Path reportFile = request.reportFile().get();
            String markdown = unreadable != null ? unreadableLockMarkdown(lockFile, unreadable) : report.toMarkdown();
            write(reportFile, markdown, "cannot write the tool-surface report");
        }
        Optional<SurfaceCheckResult.SpecChange> specChange = Optional.empty();
        if (locked.specSha256().isPresent()
                && current.specSha256().isPresent()
                && !locked.specSha256().equals(current.specSha256())) {
            specChange = Optional.of(new SurfaceCheckResult.SpecChange(
                    locked.specSha256().get(), current.specSha256().get()));
        }
        return new SurfaceCheckResult(outcome, report, lockExists, compared, warnings, specChange);
    }

    private static SurfaceCandidate readCandidate(Path generatedDirectory, Path compared) throws CodegenException {
        try {
            return SurfaceCandidate.read(generatedDirectory);
        } catch (NoSuchFileException e) {
            throw new CodegenException(
                    Location.file(compared.toString()),
                    "there is no generated tool surface to check: the generate goal writes it next to the sources",
                    "run the generate goal first (bind it before check, as in generated-server/pom.xml), and give"
                            + " check the same output folder (generatedDirectory)");
        } catch (SurfaceFormatException e) {
            throw new CodegenException(formatProblems(
                    Path.of(e.source()), e, "generate the sources again (the file is the generator's own)"));
        } catch (IOException e) {
            throw cannotRead(compared, e);
        }
    }

    private static byte[] readBytes(Path lockFile) throws CodegenException {
        try {
            return Files.readAllBytes(lockFile);
        } catch (IOException e) {
            throw cannotRead(lockFile, e);
        }
    }

    private static CodegenException cannotRead(Path file, IOException e) {
        return new CodegenException(
                Location.file(file.toString()),
                "cannot read the tool-surface file: " + e.getMessage(),
                "check that it is a readable file");
    }

    private static List<Diagnostic> formatProblems(Path file, SurfaceFormatException e, String hint) {
        List<Diagnostic> problems = new ArrayList<>();
        List<String> found = e.problems();
        for (int i = 0; i < found.size(); i++) {
            // One hint for all of them, on the last: they share a fix.
            problems.add(
                    Diagnostic.error(Location.file(file.toString()), found.get(i), i + 1 == found.size() ? hint : ""));
        }
        return problems;
    }

    private static String unreadableLockMarkdown(Path lockFile, String problem) {
        return "## Tool surface changes\n\nThe previous lock file `" + lockFile.getFileName()
                + "` could not be read (" + problem + "), so there was nothing to compare with. It was rewritten"
                + " from the spec and the rules; review the change with `git diff`.\n";
    }

    /** Writes {@code text} to {@code file} atomically; a failure becomes a problem naming the file. */
    private static void write(Path file, String text, String what) throws CodegenException {
        try {
            new OutputWriter().writeFile(file, text);
        } catch (IOException e) {
            throw new CodegenException(
                    Location.file(file.toString()),
                    what + ": " + e.getMessage(),
                    "check permissions and free disk space");
        }
    }
}

package io.calcommcp.codegen.core;

import io.calcommcp.codegen.model.OperationRef;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import io.calcommcp.codegen.rules.RulesParser;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.surface.DiffReport;
import io.calcommcp.codegen.surface.OperationDiff;
import io.calcommcp.codegen.surface.SurfaceDiff;
import io.calcommcp.codegen.surface.SurfaceExtractor;
import io.calcommcp.codegen.surface.SurfaceFormatException;
import io.calcommcp.codegen.surface.ToolSurface;
import io.calcommcp.codegen.write.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Compares the tool surface that the spec and rules produce now with the committed lock file, and
 * in update mode rewrites the lock. The surface is built in memory, exactly as generation builds
 * it, so the check sees what the generated server will serve.
 *
 * <p>Nothing is written before every input has been read and checked: a bad spec, bad rules or (in
 * check mode) a broken lock file fail with all their problems and leave the lock and the report as
 * they were.
 */
public final class SurfaceCheck {

    /** How to get a working lock file back; the same advice in every message about a broken one. */
    private static final String LOCK_HINT = "restore it from version control (git checkout -- <file>), or rewrite"
            + " it from the spec and rules in update mode (-Dcalcom.lock.update=true)";

    /** Runs the check (or the update) and writes the report. */
    public SurfaceCheckResult run(SurfaceCheckRequest request) throws CodegenException {
        ToolModel model = new Codegen().model(request.specLocation(), request.rulesFile());
        ToolSurface current = SurfaceExtractor.surface(model);
        Predicate<String> exposedByRule = exposedByRule(model, new RulesParser().parse(request.rulesFile()));

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
                    throw new CodegenException(formatProblems(lockFile, e));
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
                        SurfaceDiff.between(locked, current), OperationDiff.between(locked, current, exposedByRule));
        String currentJson = current.toJson();
        byte[] currentBytes = currentJson.getBytes(StandardCharsets.UTF_8);
        boolean sameBytes = lockExists && Arrays.equals(readBytes(lockFile), currentBytes);

        SurfaceCheckResult.Outcome outcome;
        if (request.update()) {
            if (!sameBytes) {
                write(lockFile, currentJson, "cannot write the lock file");
            }
            outcome = sameBytes ? SurfaceCheckResult.Outcome.UNCHANGED : SurfaceCheckResult.Outcome.UPDATED;
        } else if (report.isEmpty() && lockExists) {
            if (!sameBytes) {
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
        return new SurfaceCheckResult(outcome, report, lockExists, warnings);
    }

    private static byte[] readBytes(Path lockFile) throws CodegenException {
        try {
            return Files.readAllBytes(lockFile);
        } catch (IOException e) {
            throw cannotRead(lockFile, e);
        }
    }

    private static CodegenException cannotRead(Path lockFile, IOException e) {
        return new CodegenException(new Problem(
                lockFile.toString(),
                "cannot read the tool-surface lock file: " + e.getMessage(),
                "check that it is a readable file"));
    }

    private static List<Problem> formatProblems(Path lockFile, SurfaceFormatException e) {
        List<Problem> problems = new ArrayList<>();
        for (String problem : e.problems()) {
            problems.add(new Problem(lockFile.toString(), problem, ""));
        }
        // One hint for all of them: they share a fix.
        Problem last = problems.remove(problems.size() - 1);
        problems.add(new Problem(last.location(), last.message(), LOCK_HINT));
        return problems;
    }

    private static String unreadableLockMarkdown(Path lockFile, String problem) {
        return "## Tool surface changes\n\nThe previous lock file `" + lockFile.getFileName()
                + "` could not be read (" + problem + "), so there was nothing to compare with. It was rewritten"
                + " from the spec and the rules; review the change with `git diff`.\n";
    }

    /**
     * Whether a rule (rather than {@code expose-tags}) exposes the operation of a tool; OperationDiff
     * asks only about new operations that became tools. Rules match on operationId, method, path
     * and spec tags; the model keeps a tool's first spec tag only, which is every tag for
     * operations with one tag (all of Cal.com's). Only the report's wording ("exposed by a rule"
     * or "exposed by default") depends on it.
     */
    private static Predicate<String> exposedByRule(ToolModel model, TaggingRules rules) {
        Set<String> operations = model.tools().stream()
                .filter(tool -> rules.setsExposure(new OperationRef(
                        tool.operationId(), tool.method(), tool.path(), List.of(tool.specTag()), null)))
                .map(ToolDescriptor::operationId)
                .collect(Collectors.toSet());
        return operations::contains;
    }

    /** Writes {@code text} to {@code file} atomically; a failure becomes a problem naming the file. */
    private static void write(Path file, String text, String what) throws CodegenException {
        try {
            new OutputWriter().writeFile(file, text);
        } catch (IOException e) {
            throw new CodegenException(new Problem(
                    file.toString(), what + ": " + e.getMessage(), "check permissions and free disk space"));
        }
    }
}

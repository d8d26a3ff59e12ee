package io.calcommcp.codegen.maven;

import io.calcommcp.codegen.core.SurfaceCheck;
import io.calcommcp.codegen.core.SurfaceCheckRequest;
import io.calcommcp.codegen.core.SurfaceCheckResult;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.surface.DiffReport;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares the tool surface that the {@code generate} goal produced with the committed lock file,
 * and fails the build with a readable report when they differ: tools added, removed or renamed,
 * arguments added, removed or newly required, type, enum and description changes, and spec
 * operations that are new or gone, each marked BREAKING or compatible. With {@code
 * -Dcalcom.lock.update=true} it rewrites the lock file instead. Either way the report is also
 * written as Markdown, for a pull-request body.
 *
 * <p>It compares two files and reads neither the spec nor the rules: {@code generate} leaves the
 * surface it generated in its output folder. Bind it after {@code generate} (phase {@code
 * process-sources}) so a changed spec stops the build before anything is compiled.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public final class CheckMojo extends AbstractMojo {

    /**
     * The {@code generate} goal's output folder, which holds the generated tool surface. Leave it
     * at the default unless {@code generate} has another {@code outputDirectory}.
     */
    @Parameter(
            property = "mcp-codegen.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/mcp-tools",
            required = true)
    private File generatedDirectory;

    /**
     * The committed lock file recording the tool surface. Commit it next to the rules (this
     * repository uses {@code calcom-openapi/tools.lock.json}). A missing file counts as an empty
     * surface: the check fails listing every tool as added, and update mode creates it.
     */
    @Parameter(property = "mcp-codegen.lockFile", defaultValue = "${project.basedir}/tools.lock.json", required = true)
    private File lockFile;

    /**
     * Rewrite the lock file from the generated surface instead of failing when they differ. Review
     * the report, then commit the lock file.
     */
    @Parameter(property = "calcom.lock.update", defaultValue = "false")
    private boolean update;

    /**
     * Where the Markdown report goes, in every mode: the changes, or "No changes to the tool
     * surface." CI uses it as the pull-request body.
     */
    @Parameter(
            property = "mcp-codegen.reportFile",
            defaultValue = "${project.build.directory}/tool-surface-diff.md",
            required = true)
    private File reportFile;

    /** Skips the check; nothing is read or written. */
    @Parameter(property = "mcp-codegen.check.skip", defaultValue = "false")
    private boolean skip;

    /** The folder the build was started in, to show short paths in the advice. */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true, required = true)
    private File executionRoot;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("Skipping the tool-surface check (mcp-codegen.check.skip=true).");
            return;
        }
        SurfaceCheckRequest request = new SurfaceCheckRequest(
                generatedDirectory.toPath(), lockFile.toPath(), update, Optional.of(reportFile.toPath()));
        SurfaceCheckResult result;
        try {
            result = new SurfaceCheck().run(request);
        } catch (CodegenException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        result.warnings().forEach(w -> getLog().warn(w));
        String lock = shown(lockFile.toPath());
        getLog().info("Compared " + shown(result.compared()) + " with " + lock + ".");
        DiffReport report = result.report();
        switch (result.outcome()) {
            case UNCHANGED -> getLog().info("Tool surface matches " + lock + ".");
            case UPDATED -> {
                getLog().info("Updated " + lock + " (report: " + shown(reportFile.toPath()) + "):");
                report.toText().lines().forEach(getLog()::info);
            }
            case CHANGED -> throw new MojoFailureException(failure(result, lock, report));
        }
    }

    private String failure(SurfaceCheckResult result, String lock, DiffReport report) {
        String heading = result.lockExisted()
                ? "The tool surface differs from " + lock + ":"
                : lock + " does not exist yet. The surface it would record:";
        String text = heading + "\n" + report.toText() + "(Also written to " + shown(reportFile.toPath()) + ".)\n";
        if (result.specChange().isEmpty()) {
            return text + "Review the changes, then run the build again with -Dcalcom.lock.update=true and the same"
                    + " spec (e.g. ./mvnw verify -Dcalcom.lock.update=true) and commit " + lock + ".";
        }
        SurfaceCheckResult.SpecChange change = result.specChange().get();
        return text + "This build's spec (sha-256 " + change.usedSha256() + ") is not the one " + lock
                + " was made from (sha-256 " + change.lockedSha256() + "). Two ways forward:\n"
                + "  - accept the new spec: review the changes above, run the build again with"
                + " -Dcalcom.lock.update=true (e.g. ./mvnw verify -Dcalcom.lock.update=true) and commit " + lock
                + ";\n"
                + "  - build the version this repository was tested with: pass that spec,"
                + " -Dcalcom.openapi.spec=<a copy of the spec with sha-256 " + change.lockedSha256() + ">"
                + " (a build that has it in its download cache finds it there without the option).";
    }

    /** {@code file} relative to where the build started, when it lies below it. */
    private String shown(Path file) {
        Path root = executionRoot.toPath().toAbsolutePath().normalize();
        Path path = file.toAbsolutePath().normalize();
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}

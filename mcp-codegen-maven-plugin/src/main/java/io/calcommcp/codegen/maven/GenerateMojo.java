package io.calcommcp.codegen.maven;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.core.CodegenResult;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.emit.CatalogWriter;
import java.io.File;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates one MCP tool class per exposed OpenAPI operation, the package's tool catalog and
 * vendor profile, and {@code TOOLS.md}, and adds the output folder as a source root (and its
 * service file and schema resources as resources). The generated code depends on {@code
 * io.calcommcp:mcp-tool-api}. The output also holds the generated tool surface that the {@code
 * check} goal compares with the lock. With unchanged inputs (spec bytes, rules bytes, the
 * instructions file, package, plugin version) it does nothing.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    /**
     * The OpenAPI 3 document: a file path or an http(s) URL. In this repository it comes from
     * the {@code calcom.openapi.spec} property.
     */
    @Parameter(property = "calcom.openapi.spec", required = true)
    private String spec;

    /** The tagging-rules YAML file that selects operations and names tools. */
    @Parameter(property = "mcp-codegen.rules", required = true)
    private File rules;

    /**
     * Where generated sources go. The generator owns this folder and replaces it on each run; the
     * {@code check} goal reads the generated tool surface from it.
     */
    @Parameter(
            property = "mcp-codegen.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/mcp-tools",
            required = true)
    private File outputDirectory;

    /** The Java package of the generated classes. */
    @Parameter(property = "mcp-codegen.packageName", required = true)
    private String packageName;

    /** Skips generation entirely (the output folder is still added as a source root if it exists). */
    @Parameter(property = "mcp-codegen.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("Skipping MCP tool generation (mcp-codegen.skip=true).");
            addSourceRoot();
            return;
        }
        CodegenRequest request = new CodegenRequest(
                spec, rules.toPath(), outputDirectory.toPath(), packageName, GeneratorVersion.of(plugin.getVersion()));
        CodegenResult result;
        try {
            result = new Codegen().generate(request);
        } catch (CodegenException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        addSourceRoot();
        if (result.upToDate()) {
            getLog().info("MCP tools are up to date: spec, rules and settings unchanged, nothing to generate.");
            return;
        }
        result.summary().forEach(getLog()::info);
        result.warnings().forEach(w -> getLog().warn(w.render()));
    }

    /** The sources, and the resources beside them: the catalog's service file and oversized schemas. */
    private void addSourceRoot() {
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        Resource resources = new Resource();
        resources.setDirectory(outputDirectory.getAbsolutePath());
        resources.addInclude(CatalogWriter.SERVICE_FILE);
        resources.addInclude(packageName.replace('.', '/') + "/*.json");
        project.addResource(resources);
    }
}

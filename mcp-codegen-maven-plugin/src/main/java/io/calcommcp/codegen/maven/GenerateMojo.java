package io.calcommcp.codegen.maven;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.core.CodegenResult;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.emit.CatalogWriter;
import io.calcommcp.codegen.spec.ResolvedSpec;
import io.calcommcp.codegen.spec.SpecSearch;
import java.io.File;
import java.time.Duration;
import java.util.Optional;
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
 * check} goal compares with the lock. With unchanged inputs (spec bytes and name, rules bytes, the
 * instructions file, package, plugin version) it does nothing.
 *
 * <p>The spec is found in this order, and the build's log says which it used and its sha-256:
 *
 * <ol>
 *   <li>{@code spec}, when given, and nothing else;
 *   <li>{@code localSpec}, when the file exists;
 *   <li>the download cache ({@code specCache}), by the spec sha-256 that {@code lockFile} records:
 *       the spec the lock was made from, found without the network;
 *   <li>a download of {@code specUrl} (not when Maven runs offline), kept in the cache.
 * </ol>
 *
 * <p>The goal sets the project property {@value #RESOLVED_SPEC_PROPERTY} to the absolute path of
 * a local file holding the spec it used (a download's cache entry), so that later plugins of the
 * same build, such as the tests, read exactly that spec: {@code ${mcp-codegen.resolvedSpec}} in
 * their configuration (it is not set when generation is skipped).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    /** The project property that holds the local file of the spec this goal used. */
    public static final String RESOLVED_SPEC_PROPERTY = "mcp-codegen.resolvedSpec";

    /**
     * The OpenAPI 3 (or Swagger 2.0) document to use: a file path or an http(s) URL. When given,
     * nothing else is searched; a URL is downloaded into {@code specCache}. Leave it unset to let
     * the goal find the spec ({@code localSpec}, the cache, {@code specUrl}).
     */
    @Parameter(property = "calcom.openapi.spec")
    private String spec;

    /**
     * A local copy of the spec, used when the file exists and no {@code spec} is given. This
     * repository's is the reference copy beside the checkout, {@code
     * ../shared/calcom-openapi/openapi.json}.
     */
    @Parameter
    private File localSpec;

    /**
     * Where the spec is published, downloaded when neither {@code spec}, {@code localSpec} nor
     * the cache has it. This repository's default is Cal.com's {@code
     * docs/api-reference/v2/openapi.json} on GitHub. User-info and query parameters of the URL are
     * never shown in logs or generated files.
     */
    @Parameter(property = "calcom.openapi.url")
    private String specUrl;

    /**
     * The download cache: every downloaded spec is kept here, named by its sha-256 ({@code
     * <sha-256>.json}), written in one step and checked when read. A build finds the spec the lock
     * was made from here without the network.
     */
    @Parameter(property = "calcom.openapi.cache", defaultValue = "${user.home}/.m2/mcp-codegen/spec-cache")
    private File specCache;

    /** How many seconds connecting, and then the whole download of the spec, may each take. */
    @Parameter(property = "calcom.openapi.timeout", defaultValue = "30")
    private int specTimeoutSeconds;

    /**
     * The committed lock file (as the {@code check} goal's {@code lockFile}). Its recorded spec
     * sha-256 names the spec to look for in the cache. A missing or unreadable lock only means the
     * cache is not searched.
     */
    @Parameter(property = "mcp-codegen.lockFile", defaultValue = "${project.basedir}/tools.lock.json")
    private File lockFile;

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

    /** Maven's {@code -o}: nothing is downloaded. */
    @Parameter(defaultValue = "${settings.offline}", readonly = true)
    private boolean offline;

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
        if (specTimeoutSeconds <= 0) {
            throw new MojoFailureException(
                    "calcom.openapi.timeout must be a positive number of seconds, not " + specTimeoutSeconds);
        }
        SpecSearch search = new SpecSearch(
                Optional.ofNullable(spec),
                Optional.ofNullable(localSpec).map(File::toPath),
                Optional.ofNullable(specUrl),
                specCache.toPath(),
                Optional.empty(),
                Duration.ofSeconds(specTimeoutSeconds),
                offline);
        CodegenRequest request = new CodegenRequest(
                search,
                Optional.ofNullable(lockFile).map(File::toPath),
                rules.toPath(),
                outputDirectory.toPath(),
                packageName,
                GeneratorVersion.of(plugin.getVersion()));
        CodegenResult result;
        try {
            result = new Codegen().generate(request);
        } catch (CodegenException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        ResolvedSpec used = result.spec();
        getLog().info("Spec: " + used.summary() + ", sha-256 " + used.sha256() + ".");
        project.getProperties().setProperty(RESOLVED_SPEC_PROPERTY, used.file().toString());
        addSourceRoot();
        if (result.upToDate()) {
            result.warnings().forEach(w -> getLog().warn(w.render()));
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

package io.calcommcp.codegen.core;

import io.calcommcp.codegen.spec.SpecSearch;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one generation run depends on. Any front end (the Maven plugin, a CLI, a test)
 * builds one of these; the core never sees Maven types.
 *
 * @param spec where to look for the OpenAPI document
 * @param lockFile the committed lock file, whose recorded spec sha-256 finds the spec in the
 *     download cache; empty when there is none
 * @param rulesFile the tagging-rules YAML file
 * @param outputDirectory where generated sources go; owned entirely by the generator
 * @param packageName the Java package of the generated classes
 * @param generatorVersion the version of the generator, part of the incremental-build digest
 */
public record CodegenRequest(
        SpecSearch spec,
        Optional<Path> lockFile,
        Path rulesFile,
        Path outputDirectory,
        String packageName,
        String generatorVersion) {

    public CodegenRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(rulesFile, "rulesFile");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(generatorVersion, "generatorVersion");
    }

    /** A run on the spec at {@code specLocation} (a file path or an http(s) URL), without a lock. */
    public CodegenRequest(
            String specLocation, Path rulesFile, Path outputDirectory, String packageName, String generatorVersion) {
        this(
                SpecSearch.given(specLocation),
                Optional.empty(),
                rulesFile,
                outputDirectory,
                packageName,
                generatorVersion);
    }
}

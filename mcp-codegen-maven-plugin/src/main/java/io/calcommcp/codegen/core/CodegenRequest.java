package io.calcommcp.codegen.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one generation run depends on. Any front end (the Maven plugin, a CLI, a test)
 * builds one of these; the core never sees Maven types.
 *
 * @param specLocation the OpenAPI document: a file path or an http(s) URL
 * @param rulesFile the tagging-rules YAML file
 * @param outputDirectory where generated sources go; owned entirely by the generator
 * @param packageName the Java package of the generated classes
 * @param generatorVersion the version of the generator, part of the incremental-build digest
 */
public record CodegenRequest(
        String specLocation, Path rulesFile, Path outputDirectory, String packageName, String generatorVersion) {

    public CodegenRequest {
        Objects.requireNonNull(specLocation, "specLocation");
        Objects.requireNonNull(rulesFile, "rulesFile");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(generatorVersion, "generatorVersion");
    }
}

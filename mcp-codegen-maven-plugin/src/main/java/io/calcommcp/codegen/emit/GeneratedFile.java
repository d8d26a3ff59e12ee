package io.calcommcp.codegen.emit;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.util.Objects;

/**
 * One file of generated output, still in memory.
 *
 * @param relativePath the path below the output folder, with {@code /} separators
 * @param content the file's text
 */
public record GeneratedFile(String relativePath, String content) {

    public GeneratedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(content, "content");
    }

    /** A Java source file for {@code type}, laid out the same way for every emitter. */
    static GeneratedFile java(String packageName, TypeSpec type, String fileComment) {
        return of(packageName, type, javaFile(packageName, type, fileComment));
    }

    /** The layout every generated Java file shares; callers may add static imports before {@link #of}. */
    static JavaFile.Builder javaFile(String packageName, TypeSpec type, String fileComment) {
        return JavaFile.builder(packageName, type)
                .addFileComment("$L", fileComment)
                .skipJavaLangImports(true)
                .indent("    ");
    }

    /** The source file that {@code file} lays out. */
    static GeneratedFile of(String packageName, TypeSpec type, JavaFile.Builder file) {
        return new GeneratedFile(
                packageName.replace('.', '/') + "/" + type.name() + ".java",
                file.build().toString());
    }
}

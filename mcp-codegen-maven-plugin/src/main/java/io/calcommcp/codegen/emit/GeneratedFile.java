package io.calcommcp.codegen.emit;

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
}

package io.calcommcp.codegen.write;

import io.calcommcp.codegen.emit.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one place that writes generated output. The whole output folder is written beside the
 * old one and then swapped in, so a failed run never leaves a half-written mix, and files of
 * tools that no longer exist disappear.
 */
public final class OutputWriter {

    /** Replaces {@code outputDirectory} with exactly {@code files}. */
    public void replace(Path outputDirectory, List<GeneratedFile> files) throws IOException {
        Path parent = outputDirectory.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, outputDirectory.getFileName() + ".staging-");
        try {
            for (GeneratedFile file : files) {
                Path target = staging.resolve(file.relativePath());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            }
            Path old = null;
            if (Files.exists(outputDirectory)) {
                old = Files.createTempDirectory(parent, outputDirectory.getFileName() + ".old-");
                Files.delete(old);
                Files.move(outputDirectory, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, outputDirectory, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    /** Writes one file atomically (temp file, then move). */
    public void writeFile(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

package io.calcommcp.codegen.write;

import io.calcommcp.codegen.emit.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one place that writes generated output. The whole output folder is written beside the
 * old one and then swapped in, so a failed run never leaves a half-written mix, and files of
 * tools that no longer exist disappear. Single files (the tool-surface lock, the report) are
 * replaced atomically by {@link #writeFile}.
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

    /**
     * Writes one file as UTF-8, creating parent directories. The text goes to a temporary file in
     * the same directory which then replaces {@code file}, so readers (and a build that dies
     * halfway) see either the old file or the new one, never a truncated one; the temporary file
     * does not outlive a failure.
     *
     * <p>The file gets the permissions any new file in that directory gets (the umask), like a file
     * written in place: files such as the committed lock file are shared.
     */
    public void writeFile(Path file, String content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        // Not Files.createTempFile: it creates owner-only files, which the move would keep.
        Path temp = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
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

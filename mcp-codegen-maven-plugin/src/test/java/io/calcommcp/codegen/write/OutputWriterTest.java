package io.calcommcp.codegen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

    @TempDir
    Path dir;

    private List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void writeFileCreatesDirectoriesReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("calcom-openapi/tools.lock.json");
        new OutputWriter().writeFile(file, "first – café\n");
        assertEquals("first – café\n", Files.readString(file));
        new OutputWriter().writeFile(file, "second\n");
        assertEquals("second\n", Files.readString(file));
        assertEquals(List.of(file), filesIn(file.getParent()));
    }

    @Test
    void writeFileGivesTheFileTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        // The lock file is shared and committed: it must come out like any file written in place.
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path written = dir.resolve("tools.lock.json");
        new OutputWriter().writeFile(written, "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(written));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("lock"));
        Files.writeString(target.resolve("keep.txt"), "old");
        // The target is a non-empty directory: the final move fails after the text was written.
        assertThrows(IOException.class, () -> new OutputWriter().writeFile(target, "new"));
        assertEquals(List.of(target), filesIn(dir));
        assertEquals("old", Files.readString(target.resolve("keep.txt")));
    }
}

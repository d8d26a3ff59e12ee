package io.calcommcp.codegen.spec;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Downloaded specs, kept by their sha-256 in one folder so that a later build finds the spec the
 * lock was made from without the network. An entry is named {@code <sha-256>.json} (or {@code
 * .yaml}) and holds exactly the bytes with that digest: it is written to a temporary file in the
 * folder and moved into place in one step, so a download that fails halfway, or two builds at
 * once, never leave a partial entry; and it is checked when read, so an entry changed on disk is
 * not used.
 */
final class SpecCache {

    private final Path folder;

    SpecCache(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** What a lookup found: the entry's bytes, or why there is none. */
    record Lookup(Optional<Path> file, Optional<byte[]> bytes, Optional<String> discarded) {}

    /**
     * The entry holding the spec with {@code sha256}, if there is one whose bytes still have that
     * digest. One whose bytes do not is deleted (it can only be damaged) and named in {@code
     * discarded}.
     */
    Lookup find(String sha256) throws IOException {
        for (Path entry : List.of(folder.resolve(sha256 + ".json"), folder.resolve(sha256 + ".yaml"))) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(entry);
            } catch (NoSuchFileException e) {
                continue;
            }
            if (Sha256.of(bytes).equals(sha256)) {
                return new Lookup(Optional.of(entry), Optional.of(bytes), Optional.empty());
            }
            Files.deleteIfExists(entry);
            return new Lookup(Optional.empty(), Optional.empty(), Optional.of(entry.toString()));
        }
        return new Lookup(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Adds {@code bytes} (a whole download) and returns the entry; an existing entry is kept as it is. */
    Path store(byte[] bytes) throws IOException {
        String sha256 = Sha256.of(bytes);
        Path entry = folder.resolve(sha256 + (looksLikeJson(bytes) ? ".json" : ".yaml"));
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, ".download-", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Same folder, so only an unusual file system gets here; still never a partial entry
                // under the final name, since the bytes were complete before the move.
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return entry;
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }
}

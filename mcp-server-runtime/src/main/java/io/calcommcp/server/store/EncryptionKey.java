package io.calcommcp.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the key that encrypts API keys comes from, in this order: the environment variable (base64
 * of 32 bytes), a key file named on the command line, or the key file in the data directory. Only
 * a new embedded store gets a key generated for it: a store that already holds encrypted keys, and
 * a shared database that several replicas use, need the key they were written with.
 *
 * @param variable the environment variable's name, for messages
 * @param fromEnvironment the variable's value, if set
 * @param file the key file named on the command line, if any
 */
public record EncryptionKey(String variable, Optional<String> fromEnvironment, Optional<Path> file) {

    /** The key file's name in the data directory. */
    public static final String DEFAULT_FILE = "encryption.key";

    private static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 32";

    /** The key, and whether it was just created (so the caller can say where it is). */
    public record Loaded(byte[] key, Optional<Path> createdAt) {
        public Loaded {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }
    }

    /** Finds (or, for a new embedded store, creates) the key for {@code location}. */
    public Loaded load(StoreLocation location) throws StoreException {
        Optional<byte[]> existing = find(location);
        if (existing.isPresent()) {
            return new Loaded(existing.get(), Optional.empty());
        }
        if (!location.embedded()) {
            throw new StoreException("The database " + location.displayUrl() + " is shared, so the key that encrypts"
                    + " its API keys must be the same on every server that uses it: set " + variable + " or"
                    + " --encryption-key-file to that key (" + HOW_TO_MAKE_ONE + " for a new database). A key"
                    + " generated here would make the accounts unreadable for the others.");
        }
        Path standard = location.dataDirectory().resolve(DEFAULT_FILE);
        if (location.embeddedFileExists()) {
            throw new StoreException("The store in " + location.dataDirectory() + " was created with an encryption key,"
                    + " but " + standard + " is gone and none was given: set " + variable + " or"
                    + " --encryption-key-file to the key it was created with.");
        }
        return new Loaded(create(standard), Optional.of(standard));
    }

    /**
     * Reads the key as {@link #load} would, but never creates one: for a store that is created
     * later, so that a key given wrongly is reported at start.
     */
    void check(StoreLocation location) throws StoreException {
        find(location);
    }

    /**
     * The key that is there already: the environment's, the named file's, or an embedded store's
     * key file in the data directory; each read and checked.
     */
    private Optional<byte[]> find(StoreLocation location) throws StoreException {
        if (fromEnvironment.isPresent()) {
            return Optional.of(decode(fromEnvironment.get(), variable));
        }
        if (file.isPresent()) {
            return Optional.of(readFile(file.get(), "--encryption-key-file " + file.get()));
        }
        Path standard = location.dataDirectory().resolve(DEFAULT_FILE);
        if (location.embedded() && Files.isRegularFile(standard)) {
            return Optional.of(readFile(standard, standard.toString()));
        }
        return Optional.empty();
    }

    private static byte[] create(Path path) throws StoreException {
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String text = Base64.getEncoder().encodeToString(key) + "\n";
        try {
            Files.createDirectories(path.getParent());
            try {
                // Owner-only from the first byte: created with its permissions, not chmod-ed later.
                Files.createFile(
                        path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(path); // not a POSIX file system: its default access control applies
            }
            Files.writeString(path, text, StandardCharsets.US_ASCII);
            return key;
        } catch (FileAlreadyExistsException e) {
            // Another process created it first: use that one.
            return readFile(path, path.toString());
        } catch (IOException e) {
            throw new StoreException("Cannot create the encryption key file " + path + ": " + e.getMessage()
                    + ". Check that the data directory is writable, or give a key with the environment or"
                    + " --encryption-key-file.");
        }
    }

    private static byte[] readFile(Path path, String what) throws StoreException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StoreException("Cannot read the encryption key file " + path + " ("
                    + e.getClass().getSimpleName() + "): check that it exists and is readable by this user.");
        }
        return decode(text, what);
    }

    private static byte[] decode(String text, String what) throws StoreException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new StoreException(
                    what + " is not base64: give the base64 of 32 random bytes (" + HOW_TO_MAKE_ONE + ").");
        }
        if (key.length != SecretBox.KEY_BYTES) {
            throw new StoreException(
                    what + " holds " + key.length + " bytes, but the key must have 32 (" + HOW_TO_MAKE_ONE + ").");
        }
        return key;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "EncryptionKey["
                + (fromEnvironment.isPresent()
                        ? variable
                        : file.map(Path::toString).orElse("default")) + "]";
    }
}

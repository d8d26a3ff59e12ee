package io.calcommcp.server.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random keys every replica must share, such as the key that signs the consent form: made once
 * (by whichever replica asks first), stored encrypted with the store's key, and the same for every
 * server on the database from then on.
 */
public final class StoreSecrets {

    /** A key's length: 256 bits. */
    public static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final SecretBox box;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    StoreSecrets(Sql sql, SecretBox box) {
        this.sql = sql;
        this.box = box;
    }

    /**
     * The shared key called {@code name} (lower-case letters, digits and underscores), made now if
     * there is none yet.
     *
     * @throws StoreUnavailableException if the database fails, or the stored key does not decrypt
     */
    public byte[] key(String name) {
        if (!name.matches("[a-z0-9_]{1,60}")) {
            throw new IllegalArgumentException("a key's name is lower-case letters, digits and underscores: " + name);
        }
        return known.computeIfAbsent(name, this::readOrCreate).clone();
    }

    private byte[] readOrCreate(String name) {
        String row = "secret_" + name;
        Optional<byte[]> stored = read(row);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            sql.update("INSERT INTO store_metadata (name, setting_value) VALUES (?, ?)", s -> {
                s.setString(1, row);
                s.setString(2, box.encrypt(Base64.getEncoder().encodeToString(key), associatedData(row)));
            });
            return key;
        } catch (StoreUnavailableException e) {
            // Another replica wrote it first (a duplicate name): use theirs.
            return read(row).orElseThrow(() -> e);
        }
    }

    private Optional<byte[]> read(String row) {
        Optional<String> encrypted = sql.queryOne(
                "SELECT setting_value FROM store_metadata WHERE name = ?",
                s -> s.setString(1, row),
                r -> r.getString(1));
        if (encrypted.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(box.decrypt(encrypted.get(), associatedData(row))));
        } catch (SecretBox.WrongKeyException e) {
            throw new StoreUnavailableException("The shared key " + row + " does not decrypt with the store's key", e);
        }
    }

    private static String associatedData(String row) {
        return "store_metadata:" + row;
    }
}

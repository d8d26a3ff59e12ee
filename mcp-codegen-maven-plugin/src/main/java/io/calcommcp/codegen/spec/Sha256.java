package io.calcommcp.codegen.spec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The SHA-256 of a spec's bytes, as lower-case hex: how the lock and the cache name a spec. */
public final class Sha256 {

    /** 64 lower-case hex digits. */
    public static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {}

    /** The digest of {@code bytes}. */
    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Whether {@code text} is a digest as {@link #of} writes it. */
    public static boolean isDigest(String text) {
        return text != null && HEX.matcher(text).matches();
    }

    /** The first 12 digits, enough to tell specs apart in a message. */
    public static String shortForm(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }
}

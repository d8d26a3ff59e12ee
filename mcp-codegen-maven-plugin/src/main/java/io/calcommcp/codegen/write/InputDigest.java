package io.calcommcp.codegen.write;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of every input of a generation run, stored in the output folder once generation
 * has succeeded. If the next run computes the same digest and the output is intact, there is
 * nothing to do.
 */
public final class InputDigest {

    /** The file inside the output folder holding the digest and the list of generated files. */
    public static final String FILE_NAME = ".codegen-inputs";

    /** Bump when the generated output changes shape, so upgrades regenerate. */
    static final String FORMAT_VERSION = "2";

    private InputDigest() {}

    /** The digest of the given parts, in order. */
    public static String of(List<byte[]> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(FORMAT_VERSION.getBytes(StandardCharsets.UTF_8));
            for (byte[] part : parts) {
                // Length-prefix each part so ("ab", "c") and ("a", "bc") differ.
                sha.update(Integer.toString(part.length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * What identifies the generator's own code: a digest of the jar (or class folder) it runs
     * from. A version number alone is not enough: a rebuilt snapshot of the same version may
     * generate other code, and its output must not be taken as up to date. Computed once per class
     * loader: the code it describes cannot change under a running class.
     */
    public static byte[] generatorFingerprint() {
        return FINGERPRINT.clone();
    }

    private static final byte[] FINGERPRINT = computeFingerprint();

    private static byte[] computeFingerprint() {
        try {
            Path location = Path.of(InputDigest.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (Files.isRegularFile(location)) {
                sha.update(Files.readAllBytes(location));
            } else {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        sha.update(location.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                        sha.update(Files.readAllBytes(file));
                    }
                }
            }
            return sha.digest();
        } catch (IOException | URISyntaxException | RuntimeException | NoSuchAlgorithmException e) {
            // Without a fingerprint every run regenerates: slower, never stale.
            return Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The content of the digest file: the digest, then one generated file per line. */
    public static String record(String digest, List<String> files) {
        return digest + "\n" + String.join("\n", files) + "\n";
    }

    /** Whether {@code outputDirectory} holds intact output generated from inputs with {@code digest}. */
    public static boolean isUpToDate(Path outputDirectory, String digest) {
        Path file = outputDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(digest)) {
                return false;
            }
            return lines.stream()
                    .skip(1)
                    .filter(l -> !l.isBlank())
                    .allMatch(l -> Files.isRegularFile(outputDirectory.resolve(l)));
        } catch (IOException e) {
            return false;
        }
    }
}

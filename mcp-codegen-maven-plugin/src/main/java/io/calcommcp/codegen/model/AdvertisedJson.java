package io.calcommcp.codegen.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.toolapi.ToolHints;

/**
 * One tool as {@code tools/list} carries it, in compact JSON: what the model reads, and so what
 * its tokens are counted on.
 */
final class AdvertisedJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AdvertisedJson() {}

    static String of(String name, String title, String description, ObjectNode inputSchema, ToolHints hints) {
        ObjectNode tool =
                MAPPER.createObjectNode().put("name", name).put("title", title).put("description", description);
        tool.set("inputSchema", inputSchema);
        tool.putObject("annotations")
                .put("readOnlyHint", hints.readOnly())
                .put("destructiveHint", hints.destructive())
                .put("idempotentHint", hints.idempotent())
                .put("openWorldHint", hints.openWorld());
        try {
            return MAPPER.writeValueAsString(tool);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}

package io.calcommcp.server.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.tools.ToolDefinition;
import java.util.Objects;

/**
 * A generated tool definition with its input schema parsed once, at start-up, so that a broken
 * schema fails the start instead of a call, and no call parses it again.
 *
 * @param definition the generated definition
 * @param inputSchema the parsed input schema
 */
public record CatalogTool(ToolDefinition definition, ObjectNode inputSchema) {

    public CatalogTool {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(inputSchema, "inputSchema");
    }

    /** Parses the definition's input schema. */
    public static CatalogTool of(ToolDefinition definition, ObjectMapper json) {
        try {
            JsonNode schema = json.readTree(definition.inputSchema());
            if (!(schema instanceof ObjectNode object)) {
                throw new IllegalStateException(
                        "The input schema of tool " + definition.name() + " is not a JSON object");
            }
            return new CatalogTool(definition, object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "The input schema of tool " + definition.name() + " is not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** The tool's name. */
    public String name() {
        return definition.name();
    }
}

package io.calcommcp.server.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.calcommcp.toolapi.ToolDefinition;
import java.util.Objects;

/**
 * A generated tool definition with its input schema parsed and compiled once, at start-up, so
 * that a broken schema fails the start instead of a call, and no call parses or compiles it
 * again.
 *
 * @param definition the generated definition
 * @param inputSchema the parsed input schema
 * @param compiledSchema the input schema compiled for validation (JSON Schema 2020-12)
 * @param advertisedSchema the parsed schema {@code tools/list} shows
 */
public record PreparedTool(
        ToolDefinition definition, ObjectNode inputSchema, Schema compiledSchema, ObjectNode advertisedSchema) {

    // Shared by every tool: the registry is thread-safe.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getDraft202012());

    public PreparedTool {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(compiledSchema, "compiledSchema");
        Objects.requireNonNull(advertisedSchema, "advertisedSchema");
    }

    /**
     * Parses and compiles the definition's input schema.
     *
     * @throws IllegalStateException naming the tool if the schema is not valid JSON, not an object,
     *     or cannot be compiled (an unresolvable {@code $ref}, a pattern that is not a regular
     *     expression, a bound that is not a number, ...)
     */
    public static PreparedTool of(ToolDefinition definition, ObjectMapper json) {
        ObjectNode full = parse(definition.name(), "input schema", definition.inputSchema(), json);
        ObjectNode advertised = parse(
                definition.name(), "advertised schema", definition.advertised().inputSchema(), json);
        return new PreparedTool(definition, full, compile(definition.name(), full), advertised);
    }

    private static ObjectNode parse(String tool, String what, String text, ObjectMapper json) {
        JsonNode parsed;
        try {
            parsed = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "The " + what + " of tool " + tool + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new IllegalStateException("The " + what + " of tool " + tool + " is not a JSON object");
        }
        return object;
    }

    private static Schema compile(String tool, ObjectNode inputSchema) {
        // The registry compiles lazily, so force every keyword now. A keyword of the wrong shape
        // ("type": "strnig") is ignored rather than refused here: checking the 2020-12
        // meta-schema would cost every start about 100 ms, so ToolInventoryIT checks every
        // generated schema against it at build time instead.
        try {
            Schema schema = REGISTRY.getSchema(inputSchema);
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "The input schema of tool " + tool + " cannot be compiled: " + e.getMessage(), e);
        }
    }

    /** The tool's name. */
    public String name() {
        return definition.name();
    }
}

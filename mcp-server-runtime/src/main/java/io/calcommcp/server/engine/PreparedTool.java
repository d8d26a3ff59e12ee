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
 * A generated tool definition with its schemas parsed, and its input schema compiled for
 * validation, each once, on first use: a server with a hundred tools starts without compiling a
 * hundred schemas, and no call parses or compiles one again. {@link ToolSet#compileAll} does it
 * for all at once, so that a broken schema can fail a start (or a build) instead of a call.
 *
 * <p>Thread-safe: a schema two first calls race for is built twice at worst, and either copy is
 * the same.
 */
public final class PreparedTool {

    /** Shared by every tool (it is thread-safe), and made only when the first schema is compiled. */
    private static final class Registry {
        static final SchemaRegistry INSTANCE = SchemaRegistry.withDialect(Dialects.getDraft202012());
    }

    private final ToolDefinition definition;
    private final ObjectMapper json;
    private volatile ObjectNode inputSchema;
    private volatile Schema compiledSchema;
    private volatile ObjectNode advertisedSchema;

    private PreparedTool(ToolDefinition definition, ObjectMapper json) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.json = json;
    }

    /** The definition, to be parsed and compiled when first needed. */
    public static PreparedTool of(ToolDefinition definition, ObjectMapper json) {
        return new PreparedTool(definition, json);
    }

    /** The generated definition. */
    public ToolDefinition definition() {
        return definition;
    }

    /** The tool's name. */
    public String name() {
        return definition.name();
    }

    /**
     * The parsed input schema, which every call is checked against.
     *
     * @throws IllegalStateException naming the tool if the schema is not a JSON object
     */
    public ObjectNode inputSchema() {
        ObjectNode schema = inputSchema;
        if (schema == null) {
            schema = parse("input schema", definition.inputSchema());
            inputSchema = schema;
        }
        return schema;
    }

    /** The parsed schema {@code tools/list} shows. */
    public ObjectNode advertisedSchema() {
        ObjectNode schema = advertisedSchema;
        if (schema == null) {
            schema = parse("advertised schema", definition.advertised().inputSchema());
            advertisedSchema = schema;
        }
        return schema;
    }

    /**
     * The input schema compiled for validation (JSON Schema 2020-12).
     *
     * @throws IllegalStateException naming the tool if the schema cannot be compiled (an
     *     unresolvable {@code $ref}, a pattern that is not a regular expression, a bound that is
     *     not a number, ...)
     */
    public Schema compiledSchema() {
        Schema schema = compiledSchema;
        if (schema == null) {
            schema = compile(inputSchema());
            compiledSchema = schema;
        }
        return schema;
    }

    private ObjectNode parse(String what, String text) {
        JsonNode parsed;
        try {
            parsed = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "The " + what + " of tool " + name() + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new IllegalStateException("The " + what + " of tool " + name() + " is not a JSON object");
        }
        return object;
    }

    private Schema compile(ObjectNode schema) {
        // The registry compiles lazily, so force every keyword now. A keyword of the wrong shape
        // ("type": "strnig") is ignored rather than refused here: checking the 2020-12
        // meta-schema would cost every start about 100 ms, so ToolInventoryIT checks every
        // generated schema against it at build time instead.
        try {
            Schema compiled = Registry.INSTANCE.getSchema(schema);
            compiled.initializeValidators();
            return compiled;
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "The input schema of tool " + name() + " cannot be compiled: " + e.getMessage(), e);
        }
    }
}

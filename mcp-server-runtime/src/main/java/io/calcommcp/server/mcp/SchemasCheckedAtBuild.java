package io.calcommcp.server.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The schema validator the SDK is given, so that it does not check every tool's schema against
 * the JSON Schema meta-schema again at each start: for a hundred generated tools that was a third
 * of a second on one core, spent on schemas the build checked already (the generator's output is
 * tested against the 2020-12 meta-schema). Tool arguments are not checked here either: {@link
 * io.calcommcp.server.engine.ArgumentChecker} does that, with messages written for a model, and
 * the SDK's own input validation is turned off.
 */
public final class SchemasCheckedAtBuild implements JsonSchemaValidator {

    public static final SchemasCheckedAtBuild INSTANCE = new SchemasCheckedAtBuild();

    private SchemasCheckedAtBuild() {}

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return ValidationResponse.asValid(null);
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        // Only reached if the SDK's input validation were turned on; it never is, see McpToolSurface.
        throw new IllegalStateException("tool arguments are checked by the engine, not by the SDK");
    }
}

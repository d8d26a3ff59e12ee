package io.calcommcp.codegen.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;

/**
 * Parsed spec objects as JSON trees, written the way their version spells them: an OpenAPI 3.1
 * schema keeps its {@code type} arrays, {@code const} and {@code examples}, which the 3.0 writer
 * would drop.
 */
public final class SpecJson {

    private SpecJson() {}

    /** {@code value} (a schema, an example) of {@code api} as a JSON tree. */
    public static JsonNode tree(OpenAPI api, Object value) {
        boolean v31 = api.getSpecVersion() == SpecVersion.V31;
        return v31 ? Json31.mapper().valueToTree(value) : Json.mapper().valueToTree(value);
    }
}

package io.calcommcp.codegen.spec;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;

/**
 * A parsed OpenAPI document.
 *
 * @param displayName the file name or URL, used in messages and generated headers
 * @param openApi the parsed model, references not inlined
 * @param parserWarnings what the parser noticed but could live with
 * @param format what the document was, for the summary: {@code OpenAPI 3.1.0}, or {@code Swagger
 *     2.0, converted to OpenAPI 3.0}
 */
public record LoadedSpec(String displayName, OpenAPI openApi, List<String> parserWarnings, String format) {

    public LoadedSpec {
        parserWarnings = List.copyOf(parserWarnings);
    }
}

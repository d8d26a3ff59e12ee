package io.calcommcp.codegen.spec;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;

/**
 * A parsed OpenAPI document.
 *
 * @param displayName the file name or URL, used in messages and generated headers
 * @param openApi the parsed model, references not inlined
 * @param parserWarnings what the parser noticed but could live with
 */
public record LoadedSpec(String displayName, OpenAPI openApi, List<String> parserWarnings) {

    public LoadedSpec {
        parserWarnings = List.copyOf(parserWarnings);
    }
}

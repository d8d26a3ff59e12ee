package io.calcommcp.codegen.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed OpenAPI document.
 *
 * @param displayName the file name or URL, used in messages and generated headers
 * @param openApi the parsed model, references not inlined
 * @param parserWarnings what the parser noticed but could live with
 * @param format what the document was, for the summary: {@code OpenAPI 3.1.0}, or {@code Swagger
 *     2.0, converted to OpenAPI 3.0}
 * @param document the OpenAPI 3 document as written, for what the parser drops without a trace (a
 *     parameter without {@code in}); empty for a Swagger 2.0 document, which the parser converts.
 *     Read only.
 * @param malformedInPaths the malformed parts of the document's operations (those of its
 *     components stop the build); {@link SpecOperations} charges each to its operation
 */
public record LoadedSpec(
        String displayName,
        OpenAPI openApi,
        List<String> parserWarnings,
        String format,
        Optional<JsonNode> document,
        List<MalformedPart> malformedInPaths) {

    public LoadedSpec {
        parserWarnings = List.copyOf(parserWarnings);
        Objects.requireNonNull(document, "document");
        malformedInPaths = List.copyOf(malformedInPaths);
    }
}

package io.calcommcp.codegen.spec;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;

/**
 * A parsed OpenAPI document with the bytes it came from (for the incremental-build digest).
 *
 * @param displayName the file name or URL, used in messages and generated headers (never an
 *     absolute local path, so generated output does not depend on where the checkout lives)
 * @param bytes the document as read
 * @param openApi the parsed model, references not inlined
 * @param parserWarnings what the parser noticed but could live with
 */
public record LoadedSpec(String displayName, byte[] bytes, OpenAPI openApi, List<String> parserWarnings) {

    public LoadedSpec {
        bytes = bytes.clone();
        parserWarnings = List.copyOf(parserWarnings);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}

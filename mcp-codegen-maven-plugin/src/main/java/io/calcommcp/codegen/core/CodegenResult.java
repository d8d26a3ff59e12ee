package io.calcommcp.codegen.core;

import io.calcommcp.codegen.diagnostics.Diagnostic;
import java.util.List;

/**
 * What a generation run did, for the front end to report.
 *
 * @param upToDate true when the inputs were unchanged and nothing was generated
 * @param summary a one-screen summary: tools per tag, exclusions and why
 * @param warnings things worth a look that did not stop generation
 */
public record CodegenResult(boolean upToDate, List<String> summary, List<Diagnostic> warnings) {

    public CodegenResult {
        summary = List.copyOf(summary);
        warnings = List.copyOf(warnings);
    }
}

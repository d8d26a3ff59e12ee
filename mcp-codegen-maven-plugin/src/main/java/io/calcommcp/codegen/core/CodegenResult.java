package io.calcommcp.codegen.core;

import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.spec.ResolvedSpec;
import java.util.List;
import java.util.Objects;

/**
 * What a generation run did, for the front end to report.
 *
 * @param upToDate true when the inputs were unchanged and nothing was generated
 * @param spec the spec the run used and where it came from (reported whether or not anything
 *     was generated)
 * @param summary a one-screen summary: tools per tag, exclusions and why
 * @param warnings things worth a look that did not stop generation
 */
public record CodegenResult(boolean upToDate, ResolvedSpec spec, List<String> summary, List<Diagnostic> warnings) {

    public CodegenResult {
        Objects.requireNonNull(spec, "spec");
        summary = List.copyOf(summary);
        warnings = List.copyOf(warnings);
    }
}

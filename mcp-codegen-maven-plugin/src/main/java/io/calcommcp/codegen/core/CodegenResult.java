package io.calcommcp.codegen.core;

import java.util.List;

/**
 * What a generation run did, for the front end to report.
 *
 * @param upToDate true when the inputs were unchanged and nothing was generated
 * @param toolCount how many tools the output holds (0 when up to date: not recomputed)
 * @param summary a one-screen summary: tools per tag, exclusions and why
 * @param warnings things worth a look that did not stop generation
 */
public record CodegenResult(boolean upToDate, int toolCount, List<String> summary, List<String> warnings) {

    public CodegenResult {
        summary = List.copyOf(summary);
        warnings = List.copyOf(warnings);
    }
}

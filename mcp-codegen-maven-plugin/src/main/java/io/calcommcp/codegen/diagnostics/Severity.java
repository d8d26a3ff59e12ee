package io.calcommcp.codegen.diagnostics;

/** Whether a diagnostic stops generation. */
public enum Severity {
    /** Generation cannot produce a correct result; it stops after collecting every error. */
    ERROR,
    /** Worth a look (a rule that matches nothing, a parser remark); generation goes on. */
    WARNING
}

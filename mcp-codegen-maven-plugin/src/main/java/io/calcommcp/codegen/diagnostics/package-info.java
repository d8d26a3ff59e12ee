/**
 * Typed diagnostics, shared by every stage of the generator: a {@link
 * io.calcommcp.codegen.diagnostics.Diagnostic} is an error or a warning at a {@link
 * io.calcommcp.codegen.diagnostics.Location} (a file, a line, a JSON pointer), with what is wrong
 * and how to fix it. Stages collect them in {@link io.calcommcp.codegen.diagnostics.Diagnostics}
 * and stop once, with every error, in a {@link
 * io.calcommcp.codegen.diagnostics.CodegenException}. This package depends on nothing else of the
 * generator.
 */
package io.calcommcp.codegen.diagnostics;

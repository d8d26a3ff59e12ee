/**
 * The entry points, used by every front end (the Maven plugin, tests): {@link
 * io.calcommcp.codegen.core.Codegen} runs the pipeline (spec, rules, model, emitters, writer) and
 * leaves the generated tool surface beside the sources; {@link io.calcommcp.codegen.core.SurfaceCheck}
 * compares that surface with the committed lock (or rewrites it). Each has its request and result.
 * Nothing here imports Maven.
 */
package io.calcommcp.codegen.core;

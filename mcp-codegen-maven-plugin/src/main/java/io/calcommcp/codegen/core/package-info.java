/**
 * The entry points and the values that cross stage boundaries: {@link
 * io.calcommcp.codegen.core.Codegen} generates sources, {@link
 * io.calcommcp.codegen.core.SurfaceCheck} compares the tool surface with the committed lock (or
 * rewrites it); each has its request and result, and both report {@link
 * io.calcommcp.codegen.core.Problem}s. Nothing here imports Maven, so a CLI or a test drives the
 * same code as the plugin.
 */
package io.calcommcp.codegen.core;

/**
 * The tool surface lock: what a model sees of the generated server, and how it changed.
 *
 * <p>{@code calcom-openapi/tools.lock.json} records every exposed tool (name, the operation and
 * request behind it, access, tags, title, description and input schema). When Cal.com's spec
 * changes, the build compares the regenerated surface with the locked one so that CI can show the
 * change in a pull request and refuse breaking changes nobody reviewed.
 *
 * <ul>
 *   <li>{@link io.calcommcp.codegen.surface.ToolSurface} and {@link
 *       io.calcommcp.codegen.surface.ToolSurfaceEntry}: the lock model; reading and writing the
 *       lock file in a byte-stable format.
 *   <li>{@link io.calcommcp.codegen.surface.SurfaceDiff}: compares two surfaces and classifies
 *       each {@link io.calcommcp.codegen.surface.SurfaceChange} as breaking (a model or client
 *       that worked before may now fail) or compatible.
 *   <li>{@link io.calcommcp.codegen.surface.DiffReport}: renders the changes for the Maven log
 *       and as Markdown for a pull-request body.
 * </ul>
 *
 * <p>Nothing here depends on Maven or on the OpenAPI model, so the code generator, a Mojo and
 * tests can all use it directly.
 */
package io.calcommcp.codegen.surface;

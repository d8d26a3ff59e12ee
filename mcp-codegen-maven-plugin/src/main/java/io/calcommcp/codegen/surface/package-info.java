/**
 * The tool surface lock: what a model sees of the generated server, and how it changed.
 *
 * <p>{@code calcom-openapi/tools.lock.json} records every exposed tool (name, the operation and
 * request behind it, access, tags, MCP annotations, constant headers, where each argument goes in
 * the request, title, description and input schema) and every operation of the spec (the tool it
 * became, or why it is not exposed). When Cal.com's spec changes, the build compares the
 * regenerated surface with the locked one so that CI can show the change in a pull request and
 * refuse breaking changes nobody reviewed.
 *
 * <ul>
 *   <li>{@link io.calcommcp.codegen.surface.ToolSurface}, {@link
 *       io.calcommcp.codegen.surface.ToolSurfaceEntry} and {@link
 *       io.calcommcp.codegen.surface.OperationEntry}: the lock model; reading the lock file and
 *       producing its text in a byte-stable format (the caller writes the file).
 *   <li>{@link io.calcommcp.codegen.surface.SurfaceExtractor}: takes the surface from the tool
 *       model, with input schemas normalized; {@link io.calcommcp.codegen.surface.SurfaceCandidate}
 *       is what {@code generate} leaves beside the sources for {@code check}: the lock text for
 *       the generated surface and which operations a rule exposed.
 *   <li>{@link io.calcommcp.codegen.surface.SurfaceDiff}: compares two surfaces and classifies
 *       each {@link io.calcommcp.codegen.surface.SurfaceChange} as breaking (a model or client
 *       that worked before may now fail) or compatible; {@link
 *       io.calcommcp.codegen.surface.OperationDiff} does the same for the spec's operations.
 *   <li>{@link io.calcommcp.codegen.surface.DiffReport}: renders the changes for the Maven log
 *       and as Markdown for a pull-request body.
 * </ul>
 *
 * <p>Nothing here depends on Maven or on the OpenAPI parser (only {@code SurfaceExtractor} and
 * {@code SurfaceCandidate} read the generator's own tool model), so the code generator, a Mojo and
 * tests can all use it directly.
 */
package io.calcommcp.codegen.surface;

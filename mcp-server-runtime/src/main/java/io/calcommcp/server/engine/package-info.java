/**
 * The vendor-neutral engine: one tool call from arguments to result. {@link
 * io.calcommcp.server.engine.ToolExecutor} fixes lossless type slips, checks the arguments against
 * the tool's schema and the value kinds its route carries, turns the paging arguments into the
 * API's own, builds the request the route describes, sends it with the calling account's
 * credentials, and maps the answer (or the failure) to a {@link
 * io.calcommcp.server.engine.ToolResult}, with its next cursor, cut to size. Who is calling and what
 * they may use arrives with each call in a {@link io.calcommcp.server.engine.CallContext}.
 * Everything about the API behind the tools comes from the generated {@link
 * io.calcommcp.toolapi.VendorProfile} and routes; nothing here names a vendor or knows a transport.
 */
package io.calcommcp.server.engine;

/**
 * What a generated MCP tool is, shared by the code generator, the generated tool classes and the
 * server that runs them: {@link io.calcommcp.toolapi.ToolDefinition} (what the model sees and
 * the request it sends), {@link io.calcommcp.toolapi.Route} and {@link
 * io.calcommcp.toolapi.RouteArgument} (that request, argument by argument), and {@link
 * io.calcommcp.toolapi.VendorProfile} (how to talk to the API behind the tools: its name, base
 * URL, credentials and error shapes; and, in {@link io.calcommcp.toolapi.SearchProfile}, what
 * the server's {@code search} and {@code fetch} tools search). A generated package provides one
 * {@link io.calcommcp.toolapi.ToolCatalog}.
 *
 * <p>One word, one meaning: an <em>argument</em> is what the model passes; its {@link
 * io.calcommcp.toolapi.ArgumentLocation} says where it goes in the HTTP request; a {@link
 * io.calcommcp.toolapi.ValueKind} says what a string holds (a timestamp, a date). Nothing here
 * depends on anything but the JDK.
 */
package io.calcommcp.toolapi;

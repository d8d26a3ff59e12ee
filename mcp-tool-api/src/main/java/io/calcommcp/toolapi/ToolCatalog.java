package io.calcommcp.toolapi;

import java.util.List;

/**
 * The tools of one generated package and the profile of the API they call. The generator emits one
 * implementation per package and registers it as a {@link java.util.ServiceLoader} service
 * ({@code META-INF/services/io.calcommcp.toolapi.ToolCatalog}), so a server finds it without
 * compiling against the generated package.
 */
public interface ToolCatalog {

    /** The API behind the tools. */
    VendorProfile profile();

    /** Every tool, sorted by name. */
    List<ToolDefinition> tools();
}

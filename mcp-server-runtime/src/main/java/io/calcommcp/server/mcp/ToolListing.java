package io.calcommcp.server.mcp;

import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ToolHints;

/**
 * A tool as {@code tools/list} shows it.
 *
 * @param inputSchema the schema as JSON text
 * @param hints its annotations (the annotations carry no second copy of the title)
 */
record ToolListing(String name, String title, String description, String inputSchema, ToolHints hints) {

    /** A generated tool: its advertised description and schema, and its hints. */
    static ToolListing of(ToolDefinition definition) {
        return new ToolListing(
                definition.name(),
                definition.title(),
                definition.advertised().description(),
                definition.advertised().inputSchema(),
                definition.hints());
    }
}

package io.calcommcp.server.research;

import io.calcommcp.toolapi.ToolHints;
import java.util.Objects;

/**
 * One of the research tools as a client's tool list shows it.
 *
 * @param name {@code search} or {@code fetch}
 * @param title a short title for people
 * @param description what the tool does, written for a model
 * @param inputSchema the JSON Schema of its one argument, as JSON text
 * @param hints its annotations: read-only, and open-world (it reads the API)
 */
public record ResearchTool(String name, String title, String description, String inputSchema, ToolHints hints) {

    public ResearchTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(hints, "hints");
    }
}

package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.VendorProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools a server runs, prepared once at start-up, and the profile of the API they call.
 * Immutable and shared by every call.
 */
public final class ToolSet {

    private final VendorProfile profile;
    private final List<PreparedTool> tools;
    private final Map<String, PreparedTool> byName;

    private ToolSet(VendorProfile profile, List<PreparedTool> tools) {
        this.profile = profile;
        this.tools = List.copyOf(tools);
        Map<String, PreparedTool> map = new LinkedHashMap<>();
        for (PreparedTool tool : tools) {
            if (map.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalStateException("Two tools are called " + tool.name());
            }
        }
        this.byName = Map.copyOf(map);
    }

    /**
     * The tools of {@code catalog}, each parsed and compiled on first use; {@link #compileAll}
     * does all of it at once.
     */
    public static ToolSet prepare(ToolCatalog catalog, ObjectMapper json) {
        return new ToolSet(
                catalog.profile(),
                catalog.tools().stream().map(d -> PreparedTool.of(d, json)).toList());
    }

    /** The profile of the API behind the tools. */
    public VendorProfile profile() {
        return profile;
    }

    /** The tools, in catalog order (sorted by name). */
    public List<PreparedTool> tools() {
        return tools;
    }

    /**
     * Parses and compiles every tool's schemas now.
     *
     * @throws IllegalStateException naming the first tool whose schema cannot be used
     */
    public ToolSet compileAll() {
        for (PreparedTool tool : tools) {
            tool.compiledSchema();
            tool.advertisedSchema();
        }
        return this;
    }

    /** The tool called {@code name}. */
    public Optional<PreparedTool> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}

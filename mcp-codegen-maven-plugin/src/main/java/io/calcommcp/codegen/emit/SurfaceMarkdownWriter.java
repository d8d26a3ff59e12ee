package io.calcommcp.codegen.emit;

import io.calcommcp.codegen.model.ToolDescriptor;
import java.util.List;

/** Emits {@code TOOLS.md}: the tool surface as a table a reviewer can read. Pure. */
public final class SurfaceMarkdownWriter {

    public static final String FILE_NAME = "TOOLS.md";

    public GeneratedFile write(List<ToolDescriptor> tools, String specName, String rulesName) {
        StringBuilder md = new StringBuilder()
                .append("# Tool surface\n\n")
                .append("Generated from `")
                .append(specName)
                .append("` with `")
                .append(rulesName)
                .append("`: ")
                .append(tools.size())
                .append(" tools, sorted by name.\n\n")
                .append("| Tool | Access | Method | Path | Tags | Operation |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ToolDescriptor tool : tools) {
            md.append("| `")
                    .append(tool.name())
                    .append("` | ")
                    .append(tool.access().label())
                    .append(" | ")
                    .append(tool.method())
                    .append(" | `")
                    .append(tool.path())
                    .append("` | ")
                    .append(String.join(", ", tool.tags()))
                    .append(" | `")
                    .append(tool.operationId())
                    .append("` |\n");
        }
        return new GeneratedFile(FILE_NAME, md.toString());
    }
}

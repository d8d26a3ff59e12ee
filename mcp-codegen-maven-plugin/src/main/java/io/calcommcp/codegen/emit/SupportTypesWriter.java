package io.calcommcp.codegen.emit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits the small types every tool class uses ({@code ToolDefinition}, {@code Route}, ...).
 * They are fixed source, kept as templates rather than JavaPoet calls because they read
 * better that way; only the package changes. Generating them (instead of shipping a runtime
 * jar) keeps the generated code self-contained: it compiles with nothing but the JDK.
 */
public final class SupportTypesWriter {

    /** The support types, in a fixed order. */
    public static final List<String> TYPES = List.of(
            "ArgumentLocation", "Route", "RouteArgument", "ToolAccess", "ToolDefinition", "ToolHints", "ValueKind");

    private final String packageName;
    private final String fileComment;

    public SupportTypesWriter(String packageName, String fileComment) {
        this.packageName = packageName;
        this.fileComment = fileComment;
    }

    public List<GeneratedFile> write() {
        List<GeneratedFile> out = new ArrayList<>();
        for (String type : TYPES) {
            String source = template(type).replace("${package}", packageName);
            out.add(new GeneratedFile(
                    packageName.replace('.', '/') + "/" + type + ".java",
                    "// " + fileComment.replace("\n", "\n// ") + "\n" + source));
        }
        return out;
    }

    private static String template(String type) {
        String resource = "support/" + type + ".java.template";
        try (InputStream in = SupportTypesWriter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + resource + " in the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

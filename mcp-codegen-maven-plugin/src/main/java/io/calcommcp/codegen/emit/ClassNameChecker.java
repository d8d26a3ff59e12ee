package io.calcommcp.codegen.emit;

import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.model.ToolDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that every tool gets a Java class of its own: distinct tool names can still map to
 * class names that differ only in case ({@code get_a_b} and {@code get_ab}), which collide on
 * case-insensitive file systems, or to the catalog or the profile class.
 */
public final class ClassNameChecker {

    private ClassNameChecker() {}

    /** Reports clashes into {@code diagnostics}; {@code where} is the rules file. */
    public static void check(String vendor, List<ToolDescriptor> tools, Location where, Diagnostics diagnostics) {
        Map<String, String> owners = new HashMap<>();
        for (String type : List.of(CatalogWriter.className(vendor), ProfileWriter.className(vendor))) {
            owners.put(type.toLowerCase(Locale.ROOT), "the generated type " + type);
        }
        for (ToolDescriptor tool : tools) {
            String className = JavaNames.className(tool.name());
            String previous = owners.putIfAbsent(className.toLowerCase(Locale.ROOT), "tool " + tool.name());
            if (previous != null) {
                diagnostics.error(
                        where,
                        "tool " + tool.name() + " would be generated as class " + className + ", which clashes with "
                                + previous,
                        "rename one of them with a rule's name: so their class names differ by more than case");
            }
        }
    }
}

package io.calcommcp.codegen.emit;

import io.calcommcp.codegen.core.Problem;
import io.calcommcp.codegen.model.ToolDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that every tool gets a Java class of its own: distinct tool names can still map to
 * class names that differ only in case ({@code get_a_b} and {@code get_ab}), which collide on
 * case-insensitive file systems, or to a support type such as {@code ToolCatalog}.
 */
public final class ClassNameChecker {

    private ClassNameChecker() {}

    /** The problems found; {@code where} names the rules file for the location. */
    public static List<Problem> check(List<ToolDescriptor> tools, String where) {
        Map<String, String> owners = new HashMap<>();
        for (String type : SupportTypesWriter.TYPES) {
            owners.put(type.toLowerCase(Locale.ROOT), "the generated type " + type);
        }
        owners.put(CatalogWriter.CLASS_NAME.toLowerCase(Locale.ROOT), "the generated type " + CatalogWriter.CLASS_NAME);
        List<Problem> problems = new ArrayList<>();
        for (ToolDescriptor tool : tools) {
            String className = JavaNames.className(tool.name());
            String previous = owners.putIfAbsent(className.toLowerCase(Locale.ROOT), "tool " + tool.name());
            if (previous != null) {
                problems.add(new Problem(
                        where,
                        "tool " + tool.name() + " would be generated as class " + className + ", which clashes with "
                                + previous,
                        "rename one of them with a rule's name: so their class names differ by more than case"));
            }
        }
        return problems;
    }
}

package io.calcommcp.server.cli;

import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ToolDefinition;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The help of {@code --methods}: {@code read}, {@code write}, and the verbs of the tools, each verb
 * named once, under the access its tools have. A verb whose tools read and write alike (one tool
 * reads a thing's connect URL, another connects it) is named apart, since neither word covers it.
 */
final class MethodsHelp {

    private MethodsHelp() {}

    static String of(List<ToolDefinition> tools) {
        Map<String, Set<Access>> accessByVerb = new TreeMap<>();
        for (ToolDefinition tool : tools) {
            accessByVerb
                    .computeIfAbsent(tool.verb(), verb -> EnumSet.noneOf(Access.class))
                    .add(tool.access());
        }
        String reads = verbs(accessByVerb, EnumSet.of(Access.READ));
        String writes = verbs(accessByVerb, EnumSet.of(Access.WRITE));
        String both = verbs(accessByVerb, EnumSet.allOf(Access.class));
        return "read: every tool that only reads (" + reads + "); write: every tool that changes something ("
                + writes + ")" + (both.isEmpty() ? "" : "; " + both + ": tools that read and tools that write")
                + "; or exact verbs from these lists. Comma-separated (default: all)";
    }

    private static String verbs(Map<String, Set<Access>> accessByVerb, Set<Access> access) {
        return accessByVerb.entrySet().stream()
                .filter(entry -> entry.getValue().equals(access))
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
    }
}

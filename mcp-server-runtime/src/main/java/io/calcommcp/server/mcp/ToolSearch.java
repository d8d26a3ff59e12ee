package io.calcommcp.server.mcp;

import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.toolapi.ToolDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lexical search over the tools: the words of a query against each tool's name, title, tags and
 * description, a match in the name counting most. Plain words, lightly stemmed, with a few
 * everyday verbs mapped to the ones tool names use ("find" finds list and get tools), so that a
 * model's phrasing of a task finds the tool without an index to maintain.
 */
final class ToolSearch {

    private static final Pattern WORD = Pattern.compile("[^a-z0-9]+");
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "of", "for", "to", "my", "our", "in", "on", "at", "by", "with", "and", "or", "is", "are",
            "i", "want", "some", "that", "this", "all", "single", "tool", "tools", "please");
    private static final Map<String, List<String>> VERBS = Map.ofEntries(
            Map.entry("find", List.of("list", "get")),
            Map.entry("show", List.of("list", "get")),
            Map.entry("look", List.of("list", "get")),
            Map.entry("see", List.of("list", "get")),
            Map.entry("read", List.of("list", "get")),
            Map.entry("fetch", List.of("list", "get")),
            Map.entry("new", List.of("create")),
            Map.entry("add", List.of("create", "add")),
            Map.entry("make", List.of("create")),
            Map.entry("book", List.of("create", "booking")),
            Map.entry("remove", List.of("delete")),
            Map.entry("change", List.of("update")),
            Map.entry("edit", List.of("update")),
            Map.entry("modify", List.of("update")),
            Map.entry("move", List.of("reschedule", "update")));

    private final String toolWord;

    /** @param toolWord the word every tool name carries, which tells tools apart not at all */
    ToolSearch(String toolWord) {
        this.toolWord = toolWord;
    }

    /** The best matches, best first (ties by name); none when no word matches. */
    List<PreparedTool> search(List<PreparedTool> tools, String query, int limit) {
        List<Set<String>> wanted = new ArrayList<>();
        for (String word : words(query)) {
            Set<String> forms = new HashSet<>();
            forms.add(stem(word));
            VERBS.getOrDefault(word, List.of()).forEach(v -> forms.add(stem(v)));
            wanted.add(forms);
        }
        record Scored(PreparedTool tool, int score) {}
        List<Scored> scored = new ArrayList<>();
        for (PreparedTool tool : tools) {
            int score = score(tool.definition(), wanted);
            if (score > 0) {
                scored.add(new Scored(tool, score));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score)
                .reversed()
                .thenComparing(s -> s.tool().name()));
        return scored.stream().limit(limit).map(Scored::tool).toList();
    }

    /**
     * Points per query word by where it matches (name, then title or tags, then description), and
     * among equals, the tool whose name the query covers best: "list bookings" is {@code
     * list_all_bookings} before {@code list_all_booking_attendees}.
     */
    private int score(ToolDefinition tool, List<Set<String>> wanted) {
        Set<String> name = stems(tool.name());
        Set<String> title = stems(tool.title());
        Set<String> tags = stems(String.join(" ", tool.tags()));
        Set<String> description = stems(tool.advertised().description());
        int score = 0;
        Set<String> covered = new HashSet<>();
        for (Set<String> forms : wanted) {
            if (matches(forms, name)) {
                score += 4;
                for (String word : name) {
                    if (matches(forms, Set.of(word))) {
                        covered.add(word);
                    }
                }
            } else if (matches(forms, title) || matches(forms, tags)) {
                score += 2;
            } else if (matches(forms, description)) {
                score += 1;
            }
        }
        return score == 0 ? 0 : score * 100 + covered.size() * 99 / Math.max(1, name.size());
    }

    /** A query word matches a tool word that equals it, or that it begins (at least four letters). */
    private static boolean matches(Set<String> forms, Set<String> words) {
        for (String form : forms) {
            if (words.contains(form)) {
                return true;
            }
            if (form.length() >= 4) {
                for (String word : words) {
                    if (word.startsWith(form)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        words(text).forEach(w -> out.add(stem(w)));
        return out;
    }

    private List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String word : WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && !STOP.contains(word) && !word.equals(toolWord)) {
                out.add(word);
            }
        }
        return out;
    }

    /** Plurals to their singular, roughly: bookings, schedules, availabilities. */
    private static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** The first sentence of a description, for a one-line result. */
    static String firstSentence(String description) {
        int end = description.indexOf(". ");
        return end < 0 ? description : description.substring(0, end + 1);
    }
}

package io.calcommcp.codegen.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code search.sources}: a kind of record, the list tool that finds such records and
 * the get tool that reads one, and where a record keeps its fields (JSON pointers, {@code *} for
 * every item of an array).
 *
 * @param line the entry's line
 * @param name the id prefix of its results ({@code booking} gives {@code booking:<id>})
 * @param label what the records are called in the tools' descriptions
 * @param list the list tool
 * @param listArguments arguments every list call carries, in file order
 * @param records where the list answer keeps its records; empty for the {@code server.records} default
 * @param get the get tool
 * @param getArgument the get tool's argument that takes the id
 * @param record where the get answer keeps the record; empty for the {@code server.records} default
 * @param id the record's id
 * @param title the record's title
 * @param text the fields a query is matched against and fetch summarizes; empty for the title
 * @param metadata the fields fetch returns as metadata, by name, in file order
 * @param newestFirst the field to sort by when the list cannot sort itself
 * @param url the template of the record's web address
 * @param lines the line of each key of the entry, and of each pointer in {@code text} and {@code
 *     metadata} (as {@code "text /title"}), for messages
 */
public record SearchSourceRules(
        int line,
        String name,
        Optional<String> label,
        String list,
        Map<String, String> listArguments,
        Optional<String> records,
        String get,
        String getArgument,
        Optional<String> record,
        String id,
        String title,
        List<String> text,
        Map<String, String> metadata,
        Optional<String> newestFirst,
        String url,
        Map<String, Integer> lines) {

    public SearchSourceRules {
        listArguments = Collections.unmodifiableMap(new LinkedHashMap<>(listArguments));
        text = List.copyOf(text);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        lines = Map.copyOf(lines);
    }

    /** The line of {@code key} in this entry, or the entry's own line. */
    public int lineOf(String key) {
        return lines.getOrDefault(key, line);
    }

    /** The line of {@code pointer} under {@code key}, or that of the key. */
    public int lineOf(String key, String pointer) {
        return lines.getOrDefault(key + " " + pointer, lineOf(key));
    }
}

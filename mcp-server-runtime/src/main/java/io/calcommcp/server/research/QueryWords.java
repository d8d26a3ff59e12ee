package io.calcommcp.server.research;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A search query as the words that rank a record: the more of them its text contains (anywhere,
 * whatever the case), the better it matches, and a record with none of them does not match. A model
 * writes queries as people speak ("meetings with Acme Corp"), and no record contains every word of
 * that; the ones that name Acme Corp should still come first. Words of one character and common
 * words that name nothing ({@code with}, {@code the}, {@code my}) are left out, unless the query
 * has no other words. The API has no full-text search of its own to hand the query to, so the
 * matching happens here, over what the list tool answered. No words match every record, equally.
 */
final class QueryWords {

    /** Common English words that say nothing about which record is meant. */
    private static final Set<String> COMMON = Set.of(
            "a", "about", "after", "all", "an", "and", "any", "are", "as", "at", "be", "before", "by", "can", "did",
            "do", "find", "for", "from", "get", "had", "has", "have", "i", "in", "into", "is", "it", "its", "list",
            "me", "my", "of", "on", "or", "our", "show", "that", "the", "their", "them", "there", "these", "this",
            "those", "to", "us", "was", "we", "were", "what", "when", "where", "which", "who", "with", "you", "your");

    private final List<String> words;

    private QueryWords(List<String> words) {
        this.words = words;
    }

    static QueryWords of(String query) {
        Set<String> all = new LinkedHashSet<>();
        for (String raw : query.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            String word = trimPunctuation(raw);
            if (!word.isEmpty()) {
                all.add(word);
            }
        }
        List<String> telling = new ArrayList<>();
        for (String word : all) {
            if (word.codePointCount(0, word.length()) > 1 && !COMMON.contains(word)) {
                telling.add(word);
            }
        }
        return new QueryWords(telling.isEmpty() ? List.copyOf(all) : List.copyOf(telling));
    }

    /** The words that count, in the order given, each once. */
    List<String> words() {
        return words;
    }

    /**
     * How many of the words occur in one of {@code texts}: 0 for a record that does not match, and
     * 1 for every record when there are no words.
     */
    int score(List<String> texts) {
        if (words.isEmpty()) {
            return 1;
        }
        String haystack = String.join("\n", texts).toLowerCase(Locale.ROOT);
        int found = 0;
        for (String word : words) {
            if (haystack.contains(word)) {
                found++;
            }
        }
        return found;
    }

    /** The word without the quotes, commas and question marks around it; inside ones stay (an email's dots). */
    private static String trimPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.codePointAt(start))) {
            start += Character.charCount(word.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(word.codePointBefore(end))) {
            end -= Character.charCount(word.codePointBefore(end));
        }
        return word.substring(start, end);
    }
}

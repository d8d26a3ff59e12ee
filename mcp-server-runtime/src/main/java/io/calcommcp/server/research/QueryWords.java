package io.calcommcp.server.research;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A search query as the words a record must contain: every word, anywhere in its text, whatever
 * the case. The API has no full-text search of its own to hand the query to, so the matching
 * happens here, over what the list tool answered; no words match every record.
 */
final class QueryWords {

    private final List<String> words;

    private QueryWords(List<String> words) {
        this.words = words;
    }

    static QueryWords of(String query) {
        String folded = query.toLowerCase(Locale.ROOT).strip();
        return new QueryWords(folded.isEmpty() ? List.of() : Arrays.asList(folded.split("\\s+")));
    }

    /** Whether every word occurs in one of {@code texts}. */
    boolean matches(List<String> texts) {
        if (words.isEmpty()) {
            return true;
        }
        String haystack = String.join("\n", texts).toLowerCase(Locale.ROOT);
        return words.stream().allMatch(haystack::contains);
    }
}

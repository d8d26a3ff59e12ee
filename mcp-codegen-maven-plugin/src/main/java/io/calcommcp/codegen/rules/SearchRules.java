package io.calcommcp.codegen.rules;

import java.util.List;
import java.util.Optional;

/**
 * The rules file's {@code search:} section: what the server's {@code search} and {@code fetch}
 * tools search and read. Its syntax is checked when it is read; whether its tools exist and fit,
 * once the tools are known.
 *
 * @param line the line of the section's key, {@code search:} (0 without one)
 * @param maxResults the most results one search returns, if the section says
 * @param sources the kinds of records searched, in file order
 */
public record SearchRules(int line, Optional<Integer> maxResults, List<SearchSourceRules> sources) {

    public SearchRules {
        sources = List.copyOf(sources);
    }

    /** No {@code search:} section: no search and fetch tools. */
    public static SearchRules none() {
        return new SearchRules(0, Optional.empty(), List.of());
    }
}

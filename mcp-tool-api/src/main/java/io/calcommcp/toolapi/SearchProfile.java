package io.calcommcp.toolapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the server's {@value #SEARCH_TOOL} and {@value #FETCH_TOOL} tools search and read: the
 * two tools ChatGPT's deep research and company knowledge use, with exactly these names. Built from
 * the rules file's {@code search:} section; {@link #none()} when it has none, and then the server
 * has neither tool.
 *
 * <pre>{@code
 * SearchProfile.builder().maxResults(20).source(bookings).source(eventTypes).build()
 * }</pre>
 *
 * @param sources the kinds of records searched, in the rules' order: results take turns between
 *     them, so that every kind shows among the first results
 * @param maxResults the most results one search returns
 */
public record SearchProfile(List<SearchSource> sources, int maxResults) {

    /** The name of the tool that searches, fixed by the clients that use it. */
    public static final String SEARCH_TOOL = "search";

    /** The name of the tool that reads one search result, fixed by the clients that use it. */
    public static final String FETCH_TOOL = "fetch";

    /** The most results of one search when the rules do not say. */
    public static final int DEFAULT_MAX_RESULTS = 20;

    public SearchProfile {
        sources = List.copyOf(sources);
        Set<String> names = new HashSet<>();
        for (SearchSource source : sources) {
            if (!names.add(source.name())) {
                throw new IllegalArgumentException("two search sources are called " + source.name());
            }
        }
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, not " + maxResults);
        }
    }

    /** Nothing to search: the server has no search and fetch tools. */
    public static SearchProfile none() {
        return new SearchProfile(List.of(), DEFAULT_MAX_RESULTS);
    }

    /** Whether there is nothing to search. */
    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The source whose results carry ids {@code <name>:...}. */
    public Optional<SearchSource> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Starts a profile of {@link #DEFAULT_MAX_RESULTS} results and no sources yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a profile's parts by name. */
    public static final class Builder {
        private final List<SearchSource> sources = new ArrayList<>();
        private int maxResults = DEFAULT_MAX_RESULTS;

        private Builder() {}

        public Builder maxResults(int value) {
            this.maxResults = value;
            return this;
        }

        /** One more source, after those added before. */
        public Builder source(SearchSource value) {
            this.sources.add(value);
            return this;
        }

        public SearchProfile build() {
            return new SearchProfile(sources, maxResults);
        }
    }
}

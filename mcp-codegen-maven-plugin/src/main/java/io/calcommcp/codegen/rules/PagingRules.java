package io.calcommcp.codegen.rules;

import java.util.Optional;

/**
 * A {@code paging:} block of the rules: at the top level, how list operations page by default; in
 * a rule, what changes for the operations it matches ({@code paging: false} turns paging off).
 * Every setting is optional; an absent one is inherited from the block it overrides.
 *
 * @param line the block's line in the rules file
 * @param enabled whether matched operations page; empty inherits
 * @param style how the API pages; {@code offset} (a page size and a number of records to skip)
 * @param limit the API's page-size query parameter, such as {@code take}
 * @param offset the API's query parameter for records to skip, such as {@code skip}
 * @param records where the page's records sit in the answer, a JSON pointer
 * @param hasMore where the answer says whether more records follow, a JSON pointer
 * @param defaultLimit the page size when the model gives none
 * @param maxLimit the largest page size the model may ask for
 */
public record PagingRules(
        int line,
        Optional<Boolean> enabled,
        Optional<String> style,
        Optional<String> limit,
        Optional<String> offset,
        Optional<String> records,
        Optional<String> hasMore,
        Optional<Integer> defaultLimit,
        Optional<Integer> maxLimit) {

    /** The only paging style so far. */
    public static final String OFFSET = "offset";

    /** No block: nothing set. */
    public static PagingRules none() {
        return new PagingRules(
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** These settings over {@code base}: each one set here wins, the others come from {@code base}. */
    public PagingRules over(PagingRules base) {
        return new PagingRules(
                line > 0 ? line : base.line,
                enabled.or(base::enabled),
                style.or(base::style),
                limit.or(base::limit),
                offset.or(base::offset),
                records.or(base::records),
                hasMore.or(base::hasMore),
                defaultLimit.or(base::defaultLimit),
                maxLimit.or(base::maxLimit));
    }
}

package io.calcommcp.codegen.rules;

import java.util.Optional;

/**
 * An {@code advertised:} block of the rules: how much of each tool {@code tools/list} shows. The
 * server checks every call against the full schema whatever this says; these settings only
 * shorten what the model reads. At the top level it gives the defaults; in a rule, what changes
 * for the tools it matches. An absent setting is inherited.
 *
 * @param line the block's line in the rules file
 * @param toolDescription the most characters of a tool's description
 * @param argumentDescription the most characters of an argument's description
 * @param argumentBytes an argument whose advertised schema is larger is summarized, deepest levels first
 * @param toolTokens a tool whose advertised form has more o200k tokens is a build warning
 */
public record AdvertisedRules(
        int line,
        Optional<Integer> toolDescription,
        Optional<Integer> argumentDescription,
        Optional<Integer> argumentBytes,
        Optional<Integer> toolTokens) {

    /** No block: nothing set. */
    public static AdvertisedRules none() {
        return new AdvertisedRules(0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These settings over {@code base}: each one set here wins, the others come from {@code base}. */
    public AdvertisedRules over(AdvertisedRules base) {
        return new AdvertisedRules(
                line > 0 ? line : base.line,
                toolDescription.or(base::toolDescription),
                argumentDescription.or(base::argumentDescription),
                argumentBytes.or(base::argumentBytes),
                toolTokens.or(base::toolTokens));
    }
}

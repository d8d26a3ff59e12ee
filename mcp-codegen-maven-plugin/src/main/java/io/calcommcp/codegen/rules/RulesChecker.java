package io.calcommcp.codegen.rules;

import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.spec.SpecOperation;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Checks the rules against the spec's operations: a rule that names an operation the spec does
 * not have is an error (with the closest operationId as a hint), a pattern that matches nothing
 * is a warning, since it is either stale or mistyped.
 */
public final class RulesChecker {

    /** Reports every finding into {@code diagnostics}. */
    public void check(TaggingRules rules, List<SpecOperation> operations, Diagnostics diagnostics) {
        for (int i = 0; i < rules.exposeTags().size(); i++) {
            Glob tag = rules.exposeTags().get(i);
            boolean used =
                    operations.stream().anyMatch(op -> op.specTags().stream().anyMatch(tag::matches));
            if (!used) {
                diagnostics.warning(
                        rules.at(rules.exposeTagLines().get(i)),
                        "expose-tags entry '" + tag + "' matches no tag of the spec");
            }
        }
        for (Rule rule : rules.rules()) {
            boolean matched = operations.stream().anyMatch(rule.match()::matches);
            if (matched) {
                continue;
            }
            if (rule.match().namesOneOperation()) {
                String id = rule.match().operation().orElseThrow().text();
                boolean exists =
                        operations.stream().anyMatch(op -> op.operationId().equals(id));
                String hint = closest(id, operations)
                        .map(c -> "did you mean " + c
                                + "? If the operation was removed from the spec, delete or update this rule")
                        .orElse("check the operationId in the spec, or delete the rule if the operation was removed");
                diagnostics.error(
                        rules.at(rule.line()),
                        exists
                                ? "the rule names operation " + id + " but its other criteria (" + rule.match()
                                        + ") exclude it"
                                : "the rule names operation " + id + ", which the spec does not have",
                        exists ? "remove the extra criteria or fix them" : hint);
            } else {
                diagnostics.warning(rules.at(rule.line()), "rule (" + rule.match() + ") matches no operation");
            }
        }
    }

    private static Optional<String> closest(String id, List<SpecOperation> operations) {
        return closest(id, operations.stream().map(SpecOperation::operationId).toList());
    }

    /** The candidate closest to {@code wanted}, if one is close enough to be a typo of it. */
    public static Optional<String> closest(String wanted, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(wanted, candidate))
                        .thenComparing(c -> c))
                .filter(c -> distance(wanted, c) <= Math.max(3, wanted.length() / 3));
    }

    /** Levenshtein distance, for "did you mean" hints. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package io.calcommcp.codegen.rules;

import io.calcommcp.codegen.spec.SpecOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which operations a rule applies to. Every criterion given must hold; at least one is given.
 *
 * @param operation a pattern on the operationId
 * @param tag a pattern that at least one of the operation's spec tags must match
 * @param path a pattern on the path template, such as {@code /v2/bookings/*}
 * @param method an HTTP method, upper case
 */
public record RuleMatch(Optional<Glob> operation, Optional<Glob> tag, Optional<Glob> path, Optional<String> method) {

    public boolean matches(SpecOperation op) {
        return operation.map(g -> g.matches(op.operationId())).orElse(true)
                && tag.map(g -> op.specTags().stream().anyMatch(g::matches)).orElse(true)
                && path.map(g -> g.matches(op.path())).orElse(true)
                && method.map(m -> m.equals(op.method())).orElse(true);
    }

    /** True when the rule names one operation exactly, so a missing operation is an error, not a warning. */
    public boolean namesOneOperation() {
        return operation.isPresent() && !operation.get().isWildcard();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        operation.ifPresent(g -> parts.add("operation " + g));
        tag.ifPresent(g -> parts.add("tag " + g));
        path.ifPresent(g -> parts.add("path " + g));
        method.ifPresent(m -> parts.add("method " + m));
        return String.join(", ", parts);
    }
}

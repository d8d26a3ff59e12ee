package io.calcommcp.toolapi;

import java.util.EnumSet;
import java.util.Set;

/**
 * The MCP annotations of a tool, always explicit: a hint that is not set is {@code false}, never
 * left for the client to assume.
 *
 * @param readOnly the tool does not change its environment
 * @param destructive a change may delete or overwrite data
 * @param idempotent calling it again with the same arguments has no further effect
 * @param openWorld the tool talks to an outside system
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    /** The hints that are set; every other one is false. */
    public static ToolHints of(Hint... hints) {
        Set<Hint> set = hints.length == 0 ? EnumSet.noneOf(Hint.class) : EnumSet.of(hints[0], hints);
        return new ToolHints(
                set.contains(Hint.READ_ONLY),
                set.contains(Hint.DESTRUCTIVE),
                set.contains(Hint.IDEMPOTENT),
                set.contains(Hint.OPEN_WORLD));
    }

    /** Whether {@code hint} is set. */
    public boolean has(Hint hint) {
        return switch (hint) {
            case READ_ONLY -> readOnly;
            case DESTRUCTIVE -> destructive;
            case IDEMPOTENT -> idempotent;
            case OPEN_WORLD -> openWorld;
        };
    }

    /** The hints that are set, in declaration order. */
    public Set<Hint> set() {
        Set<Hint> set = EnumSet.noneOf(Hint.class);
        for (Hint hint : Hint.values()) {
            if (has(hint)) {
                set.add(hint);
            }
        }
        return set;
    }
}

package io.calcommcp.codegen.surface;

import static io.calcommcp.codegen.surface.MessageText.code;
import static io.calcommcp.codegen.surface.MessageText.prose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares the operations recorded in the lock with the spec's current ones: which are new (and
 * whether the rules expose them), which are gone, and which the rules now treat differently. The
 * result is sorted by operation id.
 *
 * <p>An operation exposed on both sides under another tool name is not reported here: that is a
 * renamed (or replaced) tool, which {@link SurfaceDiff} reports.
 */
public final class OperationDiff {

    private OperationDiff() {}

    /**
     * The operation changes from {@code locked} to {@code current}.
     *
     * @param exposedByRule whether a rule (rather than the rules' defaults, such as {@code
     *     expose-tags}) decided that an operation of the current spec is exposed; only asked about
     *     new operations that are exposed
     */
    public static List<OperationChange> between(
            ToolSurface locked, ToolSurface current, Predicate<String> exposedByRule) {
        Map<String, OperationEntry> before = byId(locked);
        Map<String, OperationEntry> after = byId(current);
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<OperationChange> changes = new ArrayList<>();
        for (String id : ids) {
            OperationEntry old = before.get(id);
            OperationEntry now = after.get(id);
            if (old == null) {
                changes.add(added(now, exposedByRule.test(id)));
            } else if (now == null) {
                changes.add(old.tool()
                        .map(tool -> lostTool(id, OperationChange.Kind.REMOVED, "removed from the spec", tool, current))
                        .orElseGet(() -> new OperationChange(
                                id, OperationChange.Kind.REMOVED, false, "removed from the spec (was not exposed)")));
            } else if (!old.isExposed() && now.isExposed()) {
                changes.add(new OperationChange(
                        id,
                        OperationChange.Kind.EXPOSED,
                        false,
                        "now exposed as " + code(now.tool().orElseThrow()) + " (was not exposed: "
                                + prose(old.notExposed().orElseThrow()) + ")"));
            } else if (old.isExposed() && !now.isExposed()) {
                changes.add(lostTool(
                        id,
                        OperationChange.Kind.NO_LONGER_EXPOSED,
                        "no longer exposed: " + prose(now.notExposed().orElseThrow()),
                        old.tool().orElseThrow(),
                        current));
            } else if (!old.isExposed() && !old.notExposed().equals(now.notExposed())) {
                changes.add(new OperationChange(
                        id,
                        OperationChange.Kind.REASON_CHANGED,
                        false,
                        "still not exposed, now because: "
                                + prose(now.notExposed().orElseThrow()) + " (was: "
                                + prose(old.notExposed().orElseThrow()) + ")"));
            }
        }
        return List.copyOf(changes);
    }

    /**
     * An operation's tool is no longer bound to it. That breaks callers unless a tool of the same
     * name now calls another operation (Cal.com renamed an operationId, say), which {@link
     * SurfaceDiff} reports as a changed operation.
     */
    private static OperationChange lostTool(
            String id, OperationChange.Kind kind, String what, String tool, ToolSurface current) {
        return current.tool(tool)
                .map(successor -> new OperationChange(
                        id, kind, false, what + "; tool " + code(tool) + " now calls " + code(successor.operation())))
                .orElseGet(() -> new OperationChange(id, kind, true, what + ", so tool " + code(tool) + " is gone"));
    }

    private static OperationChange added(OperationEntry now, boolean byRule) {
        String message = now.tool()
                .map(tool -> "new in the spec, exposed " + (byRule ? "by a rule" : "by default") + " as " + code(tool))
                .orElseGet(() -> "new in the spec, not exposed: "
                        + prose(now.notExposed().orElseThrow()));
        return new OperationChange(now.operation(), OperationChange.Kind.ADDED, false, message);
    }

    private static Map<String, OperationEntry> byId(ToolSurface surface) {
        Map<String, OperationEntry> byId = new TreeMap<>();
        surface.operations().forEach(entry -> byId.put(entry.operation(), entry));
        return byId;
    }
}

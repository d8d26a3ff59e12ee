package io.calcommcp.codegen.surface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Renders surface changes for people: plain text for the Maven log and Markdown for a pull-request
 * body. Both start with a count of breaking and compatible changes, group changes by tool (sorted
 * by name, keeping each tool's order) and mark every change line BREAKING or compatible. Changes to
 * the spec's operations follow in a section of their own, marked the same way.
 *
 * @param changes the tool changes, usually from {@link SurfaceDiff#between}
 * @param operations the operation changes, usually from {@link OperationDiff#between}
 */
public record DiffReport(List<SurfaceChange> changes, List<OperationChange> operations) {

    /** What both reports say when nothing changed. */
    public static final String NO_CHANGES = "No changes to the tool surface.";

    public DiffReport {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
    }

    /** A report of tool changes only. */
    public DiffReport(List<SurfaceChange> changes) {
        this(changes, List.of());
    }

    /** True if nothing changed, neither tools nor operations. */
    public boolean isEmpty() {
        return changes.isEmpty() && operations.isEmpty();
    }

    /** Breaking tool changes (operation changes are counted in their own section). */
    public long breakingCount() {
        return changes.stream().filter(SurfaceChange::breaking).count();
    }

    /** Compatible tool changes. */
    public long compatibleCount() {
        return changes.size() - breakingCount();
    }

    /**
     * One self-contained line per change, so each still makes sense when a log is grepped:
     *
     * <pre>
     * Tool surface changes: 1 breaking, 1 compatible
     * BREAKING    create_a_calcom_booking: argument `lengthInMinutes` removed
     * compatible  list_all_calcom_bookings: description changed
     * Spec operation changes: 0 breaking, 1 compatible
     * compatible  operation TeamsController_getTeamMembers: new in the spec, exposed by default as `...`
     * </pre>
     */
    public String toText() {
        if (isEmpty()) {
            return NO_CHANGES + "\n";
        }
        StringBuilder text = new StringBuilder(
                changes.isEmpty()
                        ? NO_CHANGES + "\n"
                        : "Tool surface changes: " + summary(breakingCount(), compatibleCount()) + "\n");
        byTool().forEach((tool, changes) -> changes.forEach(change ->
                text.append(String.format("%-10s  %s: %s\n", mark(change.breaking()), tool, change.message()))));
        if (!operations.isEmpty()) {
            text.append("Spec operation changes: ")
                    .append(summary(operationsBreaking(), operations.size() - operationsBreaking()))
                    .append('\n');
            operations.forEach(change -> text.append(String.format(
                    "%-10s  operation %s: %s\n", mark(change.breaking()), change.operation(), change.message())));
        }
        return text.toString();
    }

    /** A Markdown document with a heading per tool, ending with a newline. */
    public String toMarkdown() {
        StringBuilder markdown = new StringBuilder("## Tool surface changes\n\n");
        if (changes.isEmpty()) {
            markdown.append(NO_CHANGES).append('\n');
        } else {
            markdown.append(counts(breakingCount(), compatibleCount()));
            byTool().forEach((tool, changes) -> {
                markdown.append("\n### ").append(MessageText.code(tool)).append("\n\n");
                changes.forEach(change -> markdown.append("- ")
                        .append(markdownMark(change.breaking()))
                        .append(": ")
                        .append(change.message())
                        .append('\n'));
            });
        }
        if (!operations.isEmpty()) {
            markdown.append("\n## Spec operation changes\n\n")
                    .append(counts(operationsBreaking(), operations.size() - operationsBreaking()))
                    .append('\n');
            operations.forEach(change -> markdown.append("- ")
                    .append(markdownMark(change.breaking()))
                    .append(": ")
                    .append(MessageText.code(change.operation()))
                    .append(" ")
                    .append(change.message())
                    .append('\n'));
        }
        return markdown.toString();
    }

    private long operationsBreaking() {
        return operations.stream().filter(OperationChange::breaking).count();
    }

    private static String summary(long breaking, long compatible) {
        return breaking + " breaking, " + compatible + " compatible";
    }

    private static String counts(long breaking, long compatible) {
        return (breaking > 0 ? "**" + breaking + " breaking**" : "0 breaking") + ", " + compatible + " compatible\n";
    }

    private static String mark(boolean breaking) {
        return breaking ? "BREAKING" : "compatible";
    }

    private static String markdownMark(boolean breaking) {
        return breaking ? "**BREAKING**" : "compatible";
    }

    private Map<String, List<SurfaceChange>> byTool() {
        Map<String, List<SurfaceChange>> byTool = new TreeMap<>();
        changes.forEach(change ->
                byTool.computeIfAbsent(change.tool(), t -> new ArrayList<>()).add(change));
        return byTool;
    }
}

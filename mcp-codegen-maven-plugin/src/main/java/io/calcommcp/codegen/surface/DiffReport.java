package io.calcommcp.codegen.surface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Renders surface changes for people: plain text for the Maven log and Markdown for a pull-request
 * body. Both start with a count of breaking and compatible changes, group changes by tool (sorted
 * by name, keeping each tool's order) and mark every change line BREAKING or compatible.
 *
 * @param changes the changes, usually from {@link SurfaceDiff#between}
 */
public record DiffReport(List<SurfaceChange> changes) {

    /** What both reports say when nothing changed. */
    public static final String NO_CHANGES = "No changes to the tool surface.";

    public DiffReport {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    /** True if nothing changed. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long breakingCount() {
        return changes.stream().filter(SurfaceChange::breaking).count();
    }

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
     * </pre>
     */
    public String toText() {
        if (isEmpty()) {
            return NO_CHANGES + "\n";
        }
        StringBuilder text = new StringBuilder("Tool surface changes: " + summary() + "\n");
        byTool().forEach((tool, changes) -> changes.forEach(change -> text.append(
                String.format("%-10s  %s: %s\n", mark(change), tool, change.message()))));
        return text.toString();
    }

    /** A Markdown document with a heading per tool, ending with a newline. */
    public String toMarkdown() {
        StringBuilder markdown = new StringBuilder("## Tool surface changes\n\n");
        if (isEmpty()) {
            return markdown.append(NO_CHANGES).append('\n').toString();
        }
        markdown.append(breakingCount() > 0 ? "**" + breakingCount() + " breaking**" : "0 breaking")
                .append(", ")
                .append(compatibleCount())
                .append(" compatible\n");
        byTool().forEach((tool, changes) -> {
            markdown.append("\n### ").append(MessageText.code(tool)).append("\n\n");
            changes.forEach(change -> markdown
                    .append("- ")
                    .append(change.breaking() ? "**BREAKING**" : "compatible")
                    .append(": ")
                    .append(change.message())
                    .append('\n'));
        });
        return markdown.toString();
    }

    private String summary() {
        return breakingCount() + " breaking, " + compatibleCount() + " compatible";
    }

    private static String mark(SurfaceChange change) {
        return change.breaking() ? "BREAKING" : "compatible";
    }

    private Map<String, List<SurfaceChange>> byTool() {
        Map<String, List<SurfaceChange>> byTool = new TreeMap<>();
        changes.forEach(change -> byTool.computeIfAbsent(change.tool(), t -> new ArrayList<>()).add(change));
        return byTool;
    }
}

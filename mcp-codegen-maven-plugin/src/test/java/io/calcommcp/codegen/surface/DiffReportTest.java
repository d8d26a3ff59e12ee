package io.calcommcp.codegen.surface;

import static io.calcommcp.codegen.surface.TestTools.surface;
import static io.calcommcp.codegen.surface.TestTools.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiffReportTest {

    private static ToolSurface locked() {
        return surface(
                tool("create_a_calcom_booking")
                        .schema("{'type':'object','required':['start'],'properties':{"
                                + "'start':{'type':'string'},'lengthInMinutes':{'type':'integer'}}}"),
                tool("list_all_calcom_bookings").description("Old."),
                tool("get_me"));
    }

    private static ToolSurface current() {
        return surface(
                tool("list_all_calcom_bookings").description("New."),
                tool("create_a_calcom_booking")
                        .schema("{'properties':{'start':{'type':'string'},'notes':{'type':'string'}},"
                                + "'required':['start'],'type':'object'}"),
                tool("get_single_calcom_booking_by_id"));
    }

    private static DiffReport report(ToolSurface locked, ToolSurface current) {
        return new DiffReport(SurfaceDiff.between(locked, current));
    }

    @Test
    void textReportHasSummaryAndOneMarkedLinePerChange() {
        assertEquals(
                "Tool surface changes: 2 breaking, 3 compatible\n"
                        + "BREAKING    create_a_calcom_booking: argument `lengthInMinutes` removed\n"
                        + "compatible  create_a_calcom_booking: argument `notes` added (optional)\n"
                        + "BREAKING    get_me: tool removed (was `GET /v2/get_me`)\n"
                        + "compatible  get_single_calcom_booking_by_id: tool added "
                        + "(`GET /v2/get_single_calcom_booking_by_id`)\n"
                        + "compatible  list_all_calcom_bookings: description changed\n",
                report(locked(), current()).toText());
    }

    @Test
    void markdownReportGroupsByTool() {
        assertEquals(
                "## Tool surface changes\n\n"
                        + "**2 breaking**, 3 compatible\n\n"
                        + "### `create_a_calcom_booking`\n\n"
                        + "- **BREAKING**: argument `lengthInMinutes` removed\n"
                        + "- compatible: argument `notes` added (optional)\n\n"
                        + "### `get_me`\n\n"
                        + "- **BREAKING**: tool removed (was `GET /v2/get_me`)\n\n"
                        + "### `get_single_calcom_booking_by_id`\n\n"
                        + "- compatible: tool added (`GET /v2/get_single_calcom_booking_by_id`)\n\n"
                        + "### `list_all_calcom_bookings`\n\n"
                        + "- compatible: description changed\n",
                report(locked(), current()).toMarkdown());
    }

    @Test
    void noChangesSaysSo() {
        DiffReport report = report(locked(), locked());
        assertTrue(report.isEmpty());
        assertEquals("No changes to the tool surface.\n", report.toText());
        assertEquals("## Tool surface changes\n\nNo changes to the tool surface.\n", report.toMarkdown());
    }

    @Test
    void countsSeparateBreakingFromCompatible() {
        DiffReport report = report(locked(), current());
        assertEquals(2, report.breakingCount());
        assertEquals(3, report.compatibleCount());
        assertFalse(report.isEmpty());
    }

    @Test
    void sameSurfacesGiveIdenticalReportsWhateverTheInputOrder() {
        // Same content, tools and schema keys listed in another order, diffed twice.
        ToolSurface reordered = surface(
                tool("get_single_calcom_booking_by_id"),
                tool("create_a_calcom_booking")
                        .schema("{'type':'object','required':['start'],'properties':{"
                                + "'notes':{'type':'string'},'start':{'type':'string'}}}"),
                tool("list_all_calcom_bookings").description("New."));
        DiffReport first = report(locked(), current());
        DiffReport second = report(locked(), reordered);
        assertEquals(first, second);
        assertEquals(first.toText(), second.toText());
        assertEquals(first.toMarkdown(), second.toMarkdown());
        assertEquals(first.toMarkdown(), report(locked(), current()).toMarkdown());
    }

    @Test
    void reportGroupsChangesByToolEvenWhenGivenUnordered() {
        SurfaceChange b = new SurfaceChange("b", Optional.empty(), ChangeKind.TOOL_ADDED, false, "tool added");
        SurfaceChange a1 = new SurfaceChange("a", Optional.of("x"), ChangeKind.ARGUMENT_REMOVED, true, "first");
        SurfaceChange a2 = new SurfaceChange("a", Optional.of("y"), ChangeKind.ARGUMENT_REMOVED, true, "second");
        assertEquals(
                "Tool surface changes: 2 breaking, 1 compatible\n"
                        + "BREAKING    a: first\n"
                        + "BREAKING    a: second\n"
                        + "compatible  b: tool added\n",
                new DiffReport(List.of(a1, b, a2)).toText());
    }

    @Test
    void oddNamesAndValuesStayOnOneLineAndInsideCodeSpans() {
        DiffReport report = report(
                surface(tool("t").schema("{'type':'object','properties':{'a`b':{},'c':{'enum':['x\\ny','z']}}}")),
                surface(tool("t").schema("{'type':'object','properties':{'c':{'enum':['z']}}}")));
        assertEquals(
                "Tool surface changes: 2 breaking, 0 compatible\n"
                        + "BREAKING    t: argument ``a`b`` removed\n"
                        + "BREAKING    t: argument `c` enum values removed: `x\\ny`\n",
                report.toText());
    }

    @Test
    void aFlippedHintIsOneLineInBothReports() {
        DiffReport report = report(
                surface(tool("delete_a_calcom_team_by_id").annotations(false, false, true, true)),
                surface(tool("delete_a_calcom_team_by_id").annotations(false, true, true, true)));
        assertEquals(
                "Tool surface changes: 1 breaking, 0 compatible\n"
                        + "BREAKING    delete_a_calcom_team_by_id: annotation destructiveHint changed from false to true\n",
                report.toText());
        assertTrue(
                report.toMarkdown()
                        .endsWith("### `delete_a_calcom_team_by_id`\n\n"
                                + "- **BREAKING**: annotation destructiveHint changed from false to true\n"),
                report.toMarkdown());
    }

    // --- operations ------------------------------------------------------------------------

    private static final List<OperationChange> OPERATIONS = List.of(
            new OperationChange(
                    "Op_b", OperationChange.Kind.REMOVED, true, "removed from the spec, so tool `b` is gone"),
            new OperationChange(
                    "Webhooks_list",
                    OperationChange.Kind.ADDED,
                    false,
                    "new in the spec, not exposed: spec tag not in expose-tags: Webhooks"));

    @Test
    void operationChangesFollowInTheirOwnSectionWithTheirOwnCounts() {
        DiffReport report =
                new DiffReport(SurfaceDiff.between(surface(tool("a"), tool("b")), surface(tool("a"))), OPERATIONS);
        assertEquals(
                "Tool surface changes: 1 breaking, 0 compatible\n"
                        + "BREAKING    b: tool removed (was `GET /v2/b`)\n"
                        + "Spec operation changes: 1 breaking, 1 compatible\n"
                        + "BREAKING    operation Op_b: removed from the spec, so tool `b` is gone\n"
                        + "compatible  operation Webhooks_list: new in the spec, not exposed: spec tag not in"
                        + " expose-tags: Webhooks\n",
                report.toText());
        assertEquals(
                "## Tool surface changes\n\n"
                        + "**1 breaking**, 0 compatible\n\n"
                        + "### `b`\n\n"
                        + "- **BREAKING**: tool removed (was `GET /v2/b`)\n\n"
                        + "## Spec operation changes\n\n"
                        + "**1 breaking**, 1 compatible\n\n"
                        + "- **BREAKING**: `Op_b` removed from the spec, so tool `b` is gone\n"
                        + "- compatible: `Webhooks_list` new in the spec, not exposed: spec tag not in expose-tags:"
                        + " Webhooks\n",
                report.toMarkdown());
        assertEquals(1, report.breakingCount(), "tool counts stay about tools");
    }

    @Test
    void operationChangesAloneStillMakeAReport() {
        // A new operation nobody exposes changes no tool, but the lock must still be updated.
        DiffReport report = new DiffReport(List.of(), OPERATIONS.subList(1, 2));
        assertFalse(report.isEmpty());
        assertEquals(
                "No changes to the tool surface.\n"
                        + "Spec operation changes: 0 breaking, 1 compatible\n"
                        + "compatible  operation Webhooks_list: new in the spec, not exposed: spec tag not in"
                        + " expose-tags: Webhooks\n",
                report.toText());
        assertTrue(
                report.toMarkdown()
                        .startsWith(
                                "## Tool surface changes\n\nNo changes to the tool surface.\n\n## Spec operation changes\n\n"
                                        + "0 breaking, 1 compatible\n\n"),
                report.toMarkdown());
    }
}

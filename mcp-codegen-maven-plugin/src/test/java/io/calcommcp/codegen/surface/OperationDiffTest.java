package io.calcommcp.codegen.surface;

import static io.calcommcp.codegen.surface.TestTools.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OperationDiffTest {

    /** A surface with the given tools plus operations that are not exposed, as {@code id=reason}. */
    private static ToolSurface surface(List<TestTools.Tool> tools, String... notExposed) {
        List<ToolSurfaceEntry> entries =
                tools.stream().map(TestTools.Tool::build).toList();
        List<OperationEntry> operations = new java.util.ArrayList<>(entries.stream()
                .map(t -> OperationEntry.exposed(t.operation(), t.name()))
                .toList());
        for (String entry : notExposed) {
            String[] parts = entry.split("=", 2);
            operations.add(OperationEntry.notExposed(parts[0], parts[1]));
        }
        return new ToolSurface(entries, operations);
    }

    private static List<String> diff(ToolSurface locked, ToolSurface current, String... byRule) {
        return OperationDiff.between(locked, current, Set.of(byRule)::contains).stream()
                .map(c -> (c.breaking() ? "BREAKING " : "compatible ") + c.kind() + " " + c.operation() + ": "
                        + c.message())
                .collect(Collectors.toList());
    }

    @Test
    void sameOperationsHaveNoChanges() {
        ToolSurface surface = surface(List.of(tool("a")), "Admin_x=admin only");
        assertEquals(List.of(), diff(surface, surface));
    }

    @Test
    void newOperationsSayWhetherAndWhyTheyAreExposed() {
        ToolSurface locked = surface(List.of(tool("a")));
        ToolSurface current = surface(
                List.of(tool("a"), tool("b").operation("New_b"), tool("c").operation("New_c")),
                "New_d=spec tag not in expose-tags: Webhooks");
        assertEquals(
                List.of(
                        "compatible ADDED New_b: new in the spec, exposed by default as `b`",
                        "compatible ADDED New_c: new in the spec, exposed by a rule as `c`",
                        "compatible ADDED New_d: new in the spec, not exposed: spec tag not in expose-tags: Webhooks"),
                diff(locked, current, "New_c"));
    }

    @Test
    void removedOperationIsBreakingOnlyWhenItsToolGoesWithIt() {
        ToolSurface locked = surface(List.of(tool("a"), tool("b")), "Old_x=admin only");
        ToolSurface current = surface(List.of(tool("a")));
        assertEquals(
                List.of(
                        "compatible REMOVED Old_x: removed from the spec (was not exposed)",
                        "BREAKING REMOVED Op_b: removed from the spec, so tool `b` is gone"),
                diff(locked, current));
    }

    @Test
    void aRenamedOperationIdKeepsTheToolAndIsCompatible() {
        // Cal.com renamed EventTypesPrivateLinksController_2024_09_04_getPrivateLinks this way.
        ToolSurface locked = surface(List.of(tool("links").operation("Links_2024_09_04_get")));
        ToolSurface current = surface(List.of(tool("links").operation("Links_get")));
        assertEquals(
                List.of(
                        "compatible REMOVED Links_2024_09_04_get: removed from the spec; tool `links` now calls"
                                + " `Links_get`",
                        "compatible ADDED Links_get: new in the spec, exposed by default as `links`"),
                diff(locked, current));
    }

    @Test
    void exposureChangesByTheRulesAreReported() {
        ToolSurface locked = surface(List.of(tool("a")), "Op_b=spec tag not in expose-tags: Orgs", "Op_c=old reason");
        ToolSurface current = surface(List.of(tool("b")), "Op_a=places a real phone call", "Op_c=new\n  reason");
        assertEquals(
                List.of(
                        "BREAKING NO_LONGER_EXPOSED Op_a: no longer exposed: places a real phone call, so tool `a` is gone",
                        "compatible EXPOSED Op_b: now exposed as `b` (was not exposed: spec tag not in expose-tags:"
                                + " Orgs)",
                        "compatible REASON_CHANGED Op_c: still not exposed, now because: new reason (was: old reason)"),
                diff(locked, current));
    }

    @Test
    void aToolRenamedOnTheSameOperationIsLeftToTheToolDiff() {
        ToolSurface locked = surface(List.of(tool("old").operation("Op")));
        ToolSurface current = surface(List.of(tool("new").operation("Op")));
        assertEquals(List.of(), diff(locked, current));
    }
}

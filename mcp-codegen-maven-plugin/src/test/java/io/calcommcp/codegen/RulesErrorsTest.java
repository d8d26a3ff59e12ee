package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs fail with every problem listed at once, each with its file:line and a fix. */
class RulesErrorsTest {

    static final String SPEC =
            GoldenFilesTest.GOOD.resolve("widgets/openapi.yaml").toString();
    static final String HEADER = "version: 1\nvendor: shop\npath-prefix: /v1\nexpose-tags: [Widgets]\nrules:\n";

    @TempDir
    Path temp;

    @Test
    void invalidYamlNamesTheLine() throws Exception {
        CodegenException e = fail("version: 1\nrules:\n  - match: {operation: X\n  - name: y\n");
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).location().render().startsWith(temp.resolve("rules.yaml") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void everyStructuralMistakeIsReportedTogether() throws Exception {
        CodegenException e = fail(HEADER
                + "  - match: {operation: WidgetsController_list}\n" // line 6
                + "    nmae: typo\n" // line 7
                + "  - match: {tag: Widgets}\n" // line 8
                + "    expose: false\n" // line 9
                + "  - match: {method: FETCH}\n" // line 10
                + "    arguments: {start: datetime}\n"); // line 11
        List<String> rendered = e.errors().stream().map(this::relative).toList();
        assertEquals(4, rendered.size(), rendered.toString());
        assertTrue(rendered.get(0).startsWith("rules.yaml:7: unknown key 'nmae' in rule"), rendered.get(0));
        assertTrue(rendered.get(0).contains("fix: allowed keys:"), rendered.get(0));
        assertTrue(
                rendered.get(1).startsWith("rules.yaml:8: a rule with expose: false needs a reason"), rendered.get(1));
        assertTrue(rendered.get(2).startsWith("rules.yaml:10: unknown HTTP method 'FETCH'"), rendered.get(2));
        assertTrue(rendered.get(3).startsWith("rules.yaml:11: unknown argument kind 'datetime'"), rendered.get(3));
        assertTrue(rendered.get(3).contains("date-or-timestamp"), rendered.get(3));
    }

    @Test
    void aRuleNamingAnUnknownOperationIsAnErrorWithADidYouMean() throws Exception {
        CodegenException e = fail(HEADER
                + "  - match: {operation: WidgetsController_lst}\n"
                + "    name: list_things\n"
                + "  - match: {operation: GoneController_remove}\n"
                + "    name: x\n");
        assertEquals(2, e.errors().size(), e.getMessage());
        Diagnostic first = e.errors().get(0);
        assertEquals(temp.resolve("rules.yaml") + ":6", first.location().render());
        assertEquals(6, first.location().line());
        assertEquals("the rule names operation WidgetsController_lst, which the spec does not have", first.message());
        assertTrue(first.fix().startsWith("did you mean WidgetsController_list?"), first.fix());
        assertEquals(
                temp.resolve("rules.yaml") + ":8", e.errors().get(1).location().render());
    }

    @Test
    void invalidAndDuplicateToolNamesAreErrors() throws Exception {
        CodegenException e = fail(HEADER
                + "  - match: {operation: WidgetsController_get}\n"
                + "    name: Get-Widget\n"
                + "  - match: {operation: WidgetsController_update}\n"
                + "    name: list_all_shop_widgets\n"
                + "  - match: {operation: WidgetsController_delete}\n"
                + "    name: delete_a_shop_widget_by_id_because_this_name_is_far_too_long_for_clients\n");
        List<String> rendered = e.errors().stream().map(this::relative).toList();
        assertEquals(3, rendered.size(), rendered.toString());
        assertTrue(
                rendered.stream()
                        .anyMatch(r -> r.startsWith(
                                "rules.yaml:6: tool name 'Get-Widget' is invalid: names must match ^[a-z0-9_]{1,64}$")),
                rendered.toString());
        assertTrue(rendered.stream().anyMatch(r -> r.contains("(it has 72 characters)")), rendered.toString());
        assertTrue(
                rendered.stream()
                        .anyMatch(
                                r -> r.contains(
                                        "rules.yaml:8: operations WidgetsController_list and WidgetsController_update both become tool list_all_shop_widgets")),
                rendered.toString());
    }

    @Test
    void toolNamesWhoseClassesWouldClashAreErrors() throws Exception {
        CodegenException e = fail(HEADER
                + "  - match: {operation: WidgetsController_get}\n"
                + "    name: shop_tool_catalog\n"
                + "  - match: {operation: WidgetsController_update}\n"
                + "    name: get_a_b\n"
                + "  - match: {operation: WidgetsController_delete}\n"
                + "    name: get_ab\n");
        List<String> rendered = e.errors().stream().map(this::relative).toList();
        assertEquals(2, rendered.size(), rendered.toString());
        assertTrue(
                rendered.stream()
                        .anyMatch(
                                r -> r.contains(
                                        "tool shop_tool_catalog would be generated as class ShopToolCatalog, which clashes with the generated type ShopToolCatalog")),
                rendered.toString());
        assertTrue(
                rendered.stream()
                        .anyMatch(r -> r.contains("would be generated as class GetAb, which clashes with tool get_a_b")
                                || r.contains("would be generated as class GetAB, which clashes with tool get_ab")),
                rendered.toString());
    }

    @Test
    void aRuleNamingAnUnknownArgumentIsAnError() throws Exception {
        CodegenException e = fail(HEADER
                + "  - match: {operation: WidgetsController_list}\n"
                + "    arguments: {startTime: timestamp}\n");
        assertEquals(
                temp.resolve("rules.yaml") + ":6", e.errors().get(0).location().render());
        assertTrue(e.errors().get(0).render().contains("has no argument 'startTime'"), e.getMessage());
        assertTrue(e.errors().get(0).fix().contains("createdAfter"), e.getMessage());
    }

    @Test
    void anUnreadableSpecSaysWhereAndHowToFixIt() throws Exception {
        Path rules = temp.resolve("rules.yaml");
        Files.writeString(rules, HEADER);
        CodegenException missing = assertThrows(
                CodegenException.class,
                () -> new Codegen()
                        .generate(new CodegenRequest(
                                temp.resolve("nope.json").toString(), rules, temp.resolve("out"), "a.b", "t")));
        assertTrue(
                missing.getMessage().contains("nope.json: the OpenAPI spec file does not exist"), missing.getMessage());
        assertTrue(missing.getMessage().contains("calcom.openapi.spec"), missing.getMessage());

        Path garbage = temp.resolve("garbage.json");
        Files.writeString(garbage, "{ this is not json");
        CodegenException bad = assertThrows(
                CodegenException.class,
                () -> new Codegen()
                        .generate(new CodegenRequest(garbage.toString(), rules, temp.resolve("out"), "a.b", "t")));
        assertTrue(bad.getMessage().contains("cannot parse the OpenAPI spec"), bad.getMessage());
        assertFalse(Files.exists(temp.resolve("out")), "nothing is written when inputs are bad");
    }

    @Test
    void aFailedRunLeavesThePreviousOutputIntact() throws Exception {
        Path out = temp.resolve("out");
        GoldenFilesTest.generate("widgets", out);
        String before = Files.readString(out.resolve("TOOLS.md"));
        assertThrows(CodegenException.class, () -> run(HEADER + "  - match: {operation: Nope}\n    name: x\n", out));
        assertEquals(before, Files.readString(out.resolve("TOOLS.md")));
    }

    /** A problem as rendered, with the temporary folder left out so assertions read like the log. */
    private String relative(Diagnostic p) {
        return p.render().replace(temp + "/", "");
    }

    private CodegenException fail(String rules) {
        return assertThrows(CodegenException.class, () -> run(rules, temp.resolve("out")));
    }

    private void run(String rules, Path out) throws Exception {
        Path file = temp.resolve("rules.yaml");
        Files.writeString(file, rules);
        new Codegen().generate(new CodegenRequest(SPEC, file, out, "com.example.shop.tools", "test"));
    }
}

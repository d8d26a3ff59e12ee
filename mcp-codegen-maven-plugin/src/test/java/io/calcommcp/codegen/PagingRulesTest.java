package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.model.ArgumentDescriptor;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import io.calcommcp.toolapi.Paging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules' paging blocks: which operations page, how, and every mistake named with its line. */
class PagingRulesTest {

    static final String WIDGETS =
            GoldenFilesTest.GOOD.resolve("widgets/openapi.yaml").toString();
    static final String HEADER = "version: 1\nvendor: shop\npath-prefix: /v1\nexpose-tags: [Widgets, \"Widgets / *\"]\n"
            + "credential-headers: [Authorization]\nconstant-headers: [x-shop-version]\n";
    static final String PAGING = "paging: {style: offset, limit: take, offset: skip, records: /items,"
            + " has-more: /meta/more, default-limit: 20, max-limit: 50}\n";

    /** Pages with take and skip, and has a limit of its own (a clash) on the second operation. */
    static final String SMALL_SPEC = """
            openapi: 3.0.3
            info: {title: Small, version: "1"}
            paths:
              /v1/things:
                get:
                  operationId: ThingsController_list
                  tags: [Things]
                  parameters:
                    - {name: take, in: query, schema: {type: integer, maximum: 30}}
                    - {name: skip, in: query, schema: {type: integer}}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {type: object, properties: {items: {type: array, items: {type: string}}}}
              /v1/other-things:
                get:
                  operationId: OtherThingsController_list
                  tags: [Things]
                  parameters:
                    - {name: take, in: query, schema: {type: integer}}
                    - {name: skip, in: query, schema: {type: integer}}
                    - {name: limit, in: query, schema: {type: string}}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {type: object, properties: {items: {type: array, items: {type: string}}}}
            """;

    @TempDir
    Path temp;

    @Test
    void everyMistakeInAPagingBlockIsNamedWithItsLine() throws Exception {
        CodegenException e = assertThrows(
                CodegenException.class,
                () -> model(
                        WIDGETS,
                        HEADER
                                + "paging: {style: cursor, limit: take, records: items, default-limit: 60,"
                                + " max-limit: 50, colour: red}\n" // line 7
                                + "rules:\n"
                                + "  - match: {operation: WidgetsController_list}\n"
                                + "    paging: maybe\n")); // line 10
        List<String> rendered = e.errors().stream().map(this::relative).toList();
        assertTrue(
                rendered.contains(
                        "rules.yaml:7: unknown key 'colour' in paging"
                                + "\n    fix: allowed keys: [default-limit, has-more, limit, max-limit, offset, records, style]"),
                rendered.toString());
        assertTrue(
                rendered.stream().anyMatch(r -> r.startsWith("rules.yaml:7: unknown paging style 'cursor'")),
                rendered.toString());
        assertTrue(
                rendered.stream().anyMatch(r -> r.startsWith("rules.yaml:7: the top-level paging block needs offset")),
                rendered.toString());
        assertTrue(
                rendered.stream().anyMatch(r -> r.startsWith("rules.yaml:7: records 'items' is not a JSON pointer")),
                rendered.toString());
        assertTrue(
                rendered.stream()
                        .anyMatch(r -> r.startsWith("rules.yaml:7: default-limit 60 is larger than max-limit 50")),
                rendered.toString());
        assertTrue(
                rendered.stream().anyMatch(r -> r.startsWith("rules.yaml:10: expected true or false, found 'maybe'")),
                rendered.toString());
    }

    @Test
    void theTopLevelBlockPagesEveryOperationWithBothParametersAndAListInItsAnswer() throws Exception {
        ToolModel model = model(WIDGETS, HEADER + PAGING);
        Paging paging =
                tool(model, "list_all_shop_widgets").paging().orElseThrow().paging();
        assertEquals(
                Paging.offset("take", "skip")
                        .records("/items")
                        .hasMore("/meta/more")
                        .limits(20, 50),
                paging);
        assertTrue(tool(model, "list_all_shop_widget_parts").paging().isEmpty(), "no take and skip");
        assertEquals(List.of(), pagingWarnings(model));
    }

    @Test
    void aRulePagingFalseTurnsItOffAndKeepsTheApisOwnArguments() throws Exception {
        ToolModel model = model(
                WIDGETS,
                HEADER + PAGING + "rules:\n  - match: {operation: WidgetsController_list}\n    paging: false\n");
        ToolDescriptor list = tool(model, "list_all_shop_widgets");
        assertTrue(list.paging().isEmpty());
        assertEquals(
                List.of("status", "createdAfter", "take", "skip"),
                list.arguments().stream().map(ArgumentDescriptor::name).toList());
    }

    @Test
    void anAnswerWithoutTheListIsNotPagedAndSaysWhy() throws Exception {
        ToolModel model = model(WIDGETS, HEADER + PAGING.replace("records: /items", "records: /rows"));
        assertTrue(tool(model, "list_all_shop_widgets").paging().isEmpty());
        List<String> warnings = model.warnings().stream().map(this::relative).toList();
        assertTrue(
                warnings.stream()
                        .anyMatch(w -> w.contains("operation WidgetsController_list has take and skip but its answer"
                                + " has no list at '/rows', so it does not page")),
                warnings.toString());
    }

    @Test
    void aRuleThatPagesAnOperationWinsOverItsAnswersSchema() throws Exception {
        ToolModel model = model(
                WIDGETS,
                HEADER + PAGING.replace("records: /items", "records: /rows")
                        + "rules:\n  - match: {operation: WidgetsController_list}\n    paging: true\n");
        assertEquals(
                "/rows",
                tool(model, "list_all_shop_widgets")
                        .paging()
                        .orElseThrow()
                        .paging()
                        .recordsPointer());
        assertEquals(List.of(), pagingWarnings(model));
    }

    @Test
    void withoutItsHasMoreFlagAFullPageMeansMore() throws Exception {
        ToolModel model = model(WIDGETS, HEADER + PAGING.replace("has-more: /meta/more", "has-more: /meta/done"));
        assertEquals(
                Optional.empty(),
                tool(model, "list_all_shop_widgets")
                        .paging()
                        .orElseThrow()
                        .paging()
                        .hasMorePointer());
    }

    @Test
    void aRuleThatPagesAnOperationWithoutThePagingParametersIsAnError() throws Exception {
        CodegenException e = assertThrows(
                CodegenException.class,
                () -> model(
                        WIDGETS,
                        HEADER + PAGING + "rules:\n  - match: {operation: WidgetPartsController_list}\n"
                                + "    expose: true\n    paging: {default-limit: 10}\n"));
        assertTrue(
                e.errors()
                        .get(0)
                        .render()
                        .contains("operation WidgetPartsController_list has no query parameters"
                                + " take and skip to page with"),
                e.getMessage());
        assertTrue(
                relative(e.errors().get(0)).startsWith("rules.yaml:9:"),
                relative(e.errors().get(0)));
    }

    @Test
    void theApisOwnMaximumCapsThePageSizeAndAClashingArgumentIsAnError() throws Exception {
        Path spec = Files.writeString(temp.resolve("small.yaml"), SMALL_SPEC);
        String rules = "version: 1\nvendor: small\npath-prefix: /v1\nexpose-tags: [Things]\n" + PAGING;
        CodegenException e = assertThrows(CodegenException.class, () -> model(spec.toString(), rules));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertTrue(
                e.errors()
                        .get(0)
                        .render()
                        .contains("operation OtherThingsController_list pages, but it already has"
                                + " an argument called limit"),
                e.getMessage());
        ToolModel model = model(
                spec.toString(),
                rules + "rules:\n  - match: {operation: OtherThingsController_list}\n    paging: false\n");
        Paging paging =
                tool(model, "list_all_small_things").paging().orElseThrow().paging();
        assertEquals(30, paging.maxLimit(), "the spec's maximum of take");
        assertEquals(20, paging.defaultLimit());
        assertEquals(Optional.empty(), paging.hasMorePointer(), "the rules' has-more is not in this answer");
    }

    private ToolModel model(String spec, String rules) throws Exception {
        Path file = temp.resolve("rules.yaml");
        Files.writeString(file, rules);
        return new Codegen().model(spec, file);
    }

    private static ToolDescriptor tool(ToolModel model, String name) {
        return model.tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name + " in "
                        + model.tools().stream().map(ToolDescriptor::name).toList()));
    }

    private List<String> pagingWarnings(ToolModel model) {
        return model.warnings().stream()
                .map(this::relative)
                .filter(w -> w.contains("page"))
                .toList();
    }

    private String relative(Diagnostic p) {
        return p.render().replace(temp + "/", "");
    }
}

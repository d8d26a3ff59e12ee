package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.core.CodegenResult;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs with odd parts get diagnostics that point at the part and say how to fix it: a parameter
 * with an empty name or without {@code in}, a duplicate, a {@code $ref} cycle, a schema that is not
 * a schema. An optional parameter with a problem is left out of its tool; an operation whose
 * request cannot be sent as written is left out with a warning; and where a rule names that
 * operation, leaving it out would mislead, so the build fails, listing every such problem.
 */
class OddSpecTest {

    private static final String EXPOSE_ALL = "version: 1\nvendor: shop\n";

    @TempDir
    Path dir;

    private static String spec(String operations) {
        return "openapi: 3.0.3\ninfo: {title: Shop, version: \"1\"}\npaths:\n" + operations;
    }

    private static final String LIST_THINGS = """
              /things:
                get:
                  operationId: listThings
                  parameters:
                    - {name: "", in: header, schema: {type: string}}
                    - {name: color, in: query, schema: {type: string}}
                  responses: {"200": {description: ok}}
            """;

    private CodegenResult generate(String spec, String rules) throws Exception {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), spec);
        Path rulesFile = Files.writeString(dir.resolve("rules.yaml"), rules);
        return new Codegen()
                .generate(new CodegenRequest(specFile.toString(), rulesFile, dir.resolve("out"), "com.example", "t"));
    }

    private ToolModel model(String spec, String rules) throws Exception {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), spec);
        Path rulesFile = Files.writeString(dir.resolve("rules.yaml"), rules);
        return new Codegen().model(specFile.toString(), rulesFile);
    }

    private static Diagnostic warningAt(List<Diagnostic> warnings, String pointer) {
        return warnings.stream()
                .filter(w -> w.location().pointer().equals(pointer))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no warning at " + pointer + " in " + warnings));
    }

    private static Optional<ToolDescriptor> tool(ToolModel model, String operationId) {
        return model.tools().stream()
                .filter(t -> t.operationId().equals(operationId))
                .findFirst();
    }

    @Test
    void aHeaderParameterWithAnEmptyName_isLeftOut_withAWarningNamingItsPointer() throws Exception {
        CodegenResult result = generate(spec(LIST_THINGS), EXPOSE_ALL);
        Diagnostic warning = warningAt(result.warnings(), "/paths/~1things/get/parameters/0");
        assertEquals(
                "spec.yaml#/paths/~1things/get/parameters/0: operation listThings: header parameter has an empty"
                        + " name; it is left out",
                warning.render().lines().findFirst().orElseThrow(),
                warning.render());
        assertEquals("give it the name the API expects (name: ...), or remove it", warning.fix());
        String tool = Files.readString(dir.resolve("out/com/example/ListAllShopThings.java"));
        assertTrue(tool.contains("query(\"color\")"), tool);
        assertFalse(tool.contains("header("), "no header argument: " + tool);
    }

    @Test
    void aRequiredParameterWithoutAName_leavesTheOperationOut_withTheReasonInTheSummary() throws Exception {
        String spec = spec(LIST_THINGS.replace("{name: \"\", in: header,", "{in: query, required: true,"));
        CodegenResult result = generate(spec, EXPOSE_ALL);
        Diagnostic warning = warningAt(result.warnings(), "/paths/~1things/get/parameters/0");
        assertTrue(
                warning.message().startsWith("operation listThings is not exposed: query parameter has no name"),
                warning.render());
        String summary = String.join("\n", result.summary());
        assertTrue(
                summary.contains(
                        "Not exposed, because the spec does not define their requests so that a tool can"
                                + " send them:\n  listThings: query parameter has no name (at /paths/~1things/get/parameters/0)"),
                summary);
        assertFalse(Files.exists(dir.resolve("out/com/example/ListAllShopThings.java")));
    }

    @Test
    void whereARuleNamesTheOperation_leavingItOutWouldMislead_soEveryProblemFailsTheBuild() throws Exception {
        String spec = spec(LIST_THINGS.replace("{name: \"\", in: header,", "{in: query, required: true,") + """
                  /things/{id}:
                    delete:
                      operationId: deleteThing
                      parameters:
                        - {name: id, in: nowhere, required: true, schema: {type: string}}
                      responses: {"204": {description: gone}}
                """);
        String rules = EXPOSE_ALL + "rules:\n  - match: {operation: listThings}\n    name: list_things\n"
                + "  - match: {operation: deleteThing}\n    name: delete_thing\n";
        CodegenException e = assertThrows(CodegenException.class, () -> generate(spec, rules));
        List<String> pointers =
                e.errors().stream().map(d -> d.location().pointer()).toList();
        assertEquals(
                List.of("/paths/~1things/get/parameters/0", "/paths/~1things~1{id}/delete/parameters/0"),
                pointers.subList(0, 2),
                e.getMessage());
        Diagnostic first = e.errors().get(0);
        assertEquals("operation listThings: query parameter has no name", first.message());
        assertTrue(first.fix().startsWith("give it the name the API expects (name: ...), or remove it ("), first.fix());
        assertTrue(first.fix().contains("rules.yaml:4 names this operation"), first.fix());
        assertTrue(
                e.errors().get(1).message().startsWith("operation deleteThing: parameter 'id' has in: 'nowhere'"),
                e.getMessage());
        assertEquals(
                "give it in: path, query, header or cookie",
                e.errors().get(1).fix().split(" \\(")[0]);
    }

    @Test
    void aParameterWithoutIn_isLeftOut() throws Exception {
        ToolModel model = model(spec(LIST_THINGS.replace("in: header, ", "")), EXPOSE_ALL);
        Diagnostic warning = warningAt(model.warnings(), "/paths/~1things/get/parameters/0");
        assertTrue(warning.message().contains("parameter has an empty name"), warning.render());
        ToolModel noIn = model(spec(LIST_THINGS.replace("{name: color, in: query,", "{name: color,")), EXPOSE_ALL);
        Diagnostic missingIn = warningAt(noIn.warnings(), "/paths/~1things/get/parameters/1");
        assertEquals(
                "operation listThings: parameter 'color' has no 'in', so a tool cannot know where in the request it"
                        + " goes; it is left out",
                missingIn.message());
        assertEquals("give it in: path, query, header or cookie", missingIn.fix());
        assertTrue(tool(noIn, "listThings").orElseThrow().arguments().isEmpty());
    }

    @Test
    void aReferenceCycle_failsTheBuildOnce_atTheCycle() throws Exception {
        String spec = spec("""
                  /things:
                    post:
                      operationId: createThing
                      parameters:
                        - $ref: "#/components/parameters/Loop"
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: "#/components/schemas/A"}
                      responses: {"201": {description: ok}}
                components:
                  parameters:
                    Loop: {$ref: "#/components/parameters/Loop"}
                  schemas:
                    A: {$ref: "#/components/schemas/B"}
                    B: {$ref: "#/components/schemas/A"}
                    Tree: {type: object, properties: {children: {type: array, items: {$ref: "#/components/schemas/Tree"}}}}
                """);
        CodegenException e = assertThrows(CodegenException.class, () -> model(spec, EXPOSE_ALL));
        assertEquals(2, e.errors().size(), e.getMessage());
        Diagnostic parameters = e.errors().get(0);
        assertEquals("/components/parameters/Loop", parameters.location().pointer());
        assertEquals(
                "$ref cycle #/components/parameters/Loop -> #/components/parameters/Loop: each only refers to the"
                        + " next, so none of them defines anything",
                parameters.message());
        assertEquals("replace one of the references with the definition it stands for", parameters.fix());
        Diagnostic schemas = e.errors().get(1);
        assertEquals("/components/schemas/A", schemas.location().pointer());
        assertTrue(
                schemas.message()
                        .startsWith("$ref cycle #/components/schemas/A -> #/components/schemas/B ->"
                                + " #/components/schemas/A"),
                schemas.message());
        assertFalse(e.getMessage().contains("Tree"), "a schema that contains itself is not a cycle: " + e.getMessage());
    }

    @Test
    void aBodySchemaThatIsNotASchema_leavesItsOperationOut() throws Exception {
        String spec = spec("""
                  /things:
                    post:
                      operationId: createThing
                      requestBody:
                        content:
                          application/json:
                            schema: {type: object, properties: {name: "x", size: {type: nonsense}}}
                      responses: {"201": {description: ok}}
                    get:
                      operationId: listThings
                      responses: {"200": {description: ok}}
                """);
        ToolModel model = model(spec, EXPOSE_ALL);
        assertTrue(tool(model, "createThing").isEmpty());
        assertTrue(tool(model, "listThings").isPresent());
        Diagnostic name = warningAt(
                model.warnings(), "/paths/~1things/post/requestBody/content/application~1json/schema/properties/name");
        assertEquals(
                "operation createThing is not exposed: the request body's the schema is a string (\"x\"), not a schema"
                        + " object",
                name.message());
        assertEquals("write a schema object there, e.g. {type: string}", name.fix());
        Diagnostic type = warningAt(
                model.warnings(),
                "/paths/~1things/post/requestBody/content/application~1json/schema/properties/size/type");
        assertTrue(type.message().endsWith("type \"nonsense\" is not a JSON Schema type"), type.message());
        assertEquals("use one of string, number, integer, boolean, array, object", type.fix());
    }

    @Test
    void aComponentSchemaThatIsNotASchema_failsTheBuild_sinceEveryOperationUsingItWouldGo() throws Exception {
        String spec = spec("""
                  /things:
                    get:
                      operationId: listThings
                      responses: {"200": {description: ok}}
                components:
                  schemas:
                    Thing: {type: object, properties: 7}
                    Other: [a, b]
                """);
        CodegenException e = assertThrows(CodegenException.class, () -> model(spec, EXPOSE_ALL));
        assertEquals(
                List.of("/components/schemas/Thing/properties", "/components/schemas/Other"),
                e.errors().stream().map(d -> d.location().pointer()).toList());
        assertEquals(
                "properties is a number (7), not an object of schemas by name",
                e.errors().get(0).message());
        assertEquals(
                "write properties: {name: {type: string}, ...}",
                e.errors().get(0).fix());
        assertEquals(
                "the schema is a list, not a schema object", e.errors().get(1).message());
    }

    @Test
    void aDuplicateParameter_isIgnoredWhenIdentical_andCostsTheOperationWhenItDiffers() throws Exception {
        String same = spec(LIST_THINGS.replace(
                "- {name: \"\", in: header, schema: {type: string}}",
                "- {name: color, in: query, schema: {type: string}}"));
        ToolModel model = model(same, EXPOSE_ALL);
        Diagnostic duplicate = warningAt(model.warnings(), "/paths/~1things/get/parameters/1");
        assertEquals(
                "operation listThings: query parameter 'color' is defined twice (first at"
                        + " /paths/~1things/get/parameters/0); this second definition is ignored; it is left out",
                duplicate.message());
        assertEquals("remove one of the two definitions", duplicate.fix());
        assertEquals(1, tool(model, "listThings").orElseThrow().arguments().size());

        String differing = spec(LIST_THINGS.replace(
                "- {name: \"\", in: header, schema: {type: string}}",
                "- {name: color, in: query, required: true, schema: {type: integer}}"));
        ToolModel other = model(differing, EXPOSE_ALL);
        assertTrue(tool(other, "listThings").isEmpty());
        assertTrue(
                warningAt(other.warnings(), "/paths/~1things/get/parameters/1")
                        .message()
                        .contains("is defined twice (first at /paths/~1things/get/parameters/0), differently"),
                other.warnings().toString());
    }

    @Test
    void aHeaderNameHttpCannotCarry_andAPathPlaceholderWithoutParameter_getNotes() throws Exception {
        String spec = spec("""
                  /things/{thingId}:
                    get:
                      operationId: getThing
                      parameters:
                        - {name: "x trace:id", in: header, schema: {type: string}}
                      responses: {"200": {description: ok}}
                """);
        ToolModel model = model(spec, EXPOSE_ALL);
        ToolDescriptor tool = tool(model, "getThing").orElseThrow();
        assertEquals(
                List.of("thingId"), tool.arguments().stream().map(a -> a.name()).toList());
        assertTrue(tool.arguments().get(0).required());
        assertTrue(
                warningAt(model.warnings(), "/paths/~1things~1{thingId}/get/parameters/0")
                        .message()
                        .contains(
                                "header parameter 'x trace:id' is not a name an HTTP header can have; it is left out"),
                model.warnings().toString());
        Diagnostic placeholder = warningAt(model.warnings(), "/paths/~1things~1{thingId}/get");
        assertTrue(
                placeholder.message().contains("placeholder {thingId} that no parameter declares"),
                placeholder.message());
        assertEquals(
                "declare it: {name: thingId, in: path, required: true, schema: {type: string}}", placeholder.fix());
    }

    @Test
    void aDuplicateOperationId_isKnownByMethodAndPath_withAWarning() throws Exception {
        String spec = spec("""
                  /a:
                    get:
                      operationId: same
                      responses: {"200": {description: ok}}
                  /b:
                    get:
                      operationId: same
                      responses: {"200": {description: ok}}
                """);
        ToolModel model = model(spec, EXPOSE_ALL);
        assertTrue(tool(model, "same").isPresent());
        assertTrue(tool(model, "GET /b").isPresent(), model.tools().toString());
        Diagnostic warning = warningAt(model.warnings(), "/paths/~1b/get/operationId");
        assertEquals(
                "operationId same is also the operationId of /paths/~1a/get; this operation is known as 'GET /b'"
                        + " instead",
                warning.message());
        assertEquals("give every operation its own operationId", warning.fix());
    }
}

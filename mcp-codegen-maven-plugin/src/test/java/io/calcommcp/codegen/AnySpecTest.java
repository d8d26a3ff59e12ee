package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.core.CodegenResult;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import io.calcommcp.codegen.model.ToolNamer;
import io.calcommcp.toolapi.CredentialScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs the rules were not written for: a two-line rules file exposes every operation that is not
 * deprecated; OpenAPI 3.1 and Swagger 2.0 load; operations without operationId or tags get
 * convention names; clashing and overlong names are fixed the same way every run and reported;
 * bodies a tool cannot send keep their operation out, with the reason in the summary.
 */
class AnySpecTest {

    private static final String TWO_LINES = "version: 1\nvendor: pets\n";

    @TempDir
    Path dir;

    static final String OPENAPI_31 = """
            openapi: 3.1.0
            info: {title: Pets, version: "1"}
            paths:
              /pets:
                get:
                  parameters:
                    - {name: kind, in: query, schema: {type: [string, "null"]}}
                  responses: {"200": {description: ok}}
                post:
                  operationId: addPet
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string}
                            kind: {const: dog}
                            tags: {type: array, items: {type: string}, examples: [[a, b]]}
                  responses: {"201": {description: ok}}
              /pets/{petId}:
                parameters:
                  - {name: petId, in: path, required: true, schema: {type: integer}}
                get:
                  responses: {"200": {description: ok}}
                delete:
                  deprecated: true
                  responses: {"204": {description: gone}}
              /pets/{petId}/photo:
                put:
                  operationId: uploadPhoto
                  requestBody:
                    content:
                      multipart/form-data:
                        schema: {type: object, properties: {file: {type: string, format: binary}}}
                  responses: {"204": {description: ok}}
              /pets/{petId}/vaccinations/{vaccinationId}/certificates/{certificateId}/signatures/{signatureId}/verifications:
                get:
                  responses: {"200": {description: ok}}
              /pets-list:
                get:
                  responses: {"200": {description: ok}}
              /pets_list:
                get:
                  responses: {"200": {description: ok}}
            webhooks:
              newPet:
                post:
                  responses: {"200": {description: ok}}
            """;

    static final String SWAGGER_2 = """
            swagger: "2.0"
            info: {title: Stores, version: "1"}
            host: api.example.com
            basePath: /v1
            paths:
              /stores:
                get:
                  operationId: listStores
                  tags: [stores]
                  parameters:
                    - {name: city, in: query, type: string}
                  responses: {"200": {description: ok}}
                post:
                  operationId: createStore
                  tags: [stores]
                  consumes: [application/json]
                  parameters:
                    - in: body
                      name: body
                      required: true
                      schema: {type: object, required: [name], properties: {name: {type: string}}}
                  responses: {"201": {description: ok}}
              /stores/{storeId}/logo:
                post:
                  operationId: uploadLogo
                  consumes: [application/octet-stream]
                  parameters:
                    - {name: storeId, in: path, required: true, type: string}
                    - {in: body, name: body, schema: {type: string, format: binary}}
                  responses: {"204": {description: ok}}
            """;

    private ToolModel model(String spec, String rules) throws Exception {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), spec);
        Path rulesFile = Files.writeString(dir.resolve("rules.yaml"), rules);
        return new Codegen().model(specFile.toString(), rulesFile);
    }

    private CodegenResult generate(String spec, String rules) throws Exception {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), spec);
        Path rulesFile = Files.writeString(dir.resolve("rules.yaml"), rules);
        return new Codegen()
                .generate(new CodegenRequest(
                        specFile.toString(), rulesFile, dir.resolve("out"), "com.example.pets", "test"));
    }

    private static List<String> names(ToolModel model) {
        return model.tools().stream().map(ToolDescriptor::name).toList();
    }

    @Test
    void aTwoLineRulesFile_exposesEveryOperationThatIsNotDeprecated_ofAnOpenApi31Spec() throws Exception {
        ToolModel model = model(OPENAPI_31, TWO_LINES);
        List<String> names = names(model);
        assertTrue(names.contains("list_all_pets_pets"), names.toString());
        assertTrue(names.contains("create_a_pets_pet"), names.toString());
        assertTrue(names.contains("get_single_pets_pet_by_id"), names.toString());
        assertFalse(names.contains("delete_a_pets_pet_by_id"), "deprecated: " + names);
        assertTrue(
                model.excluded().get("DELETE /pets/{petId}").startsWith("deprecated"),
                model.excluded().toString());
        // No operationId: the operation is known by its method and path.
        assertTrue(model.excluded().containsKey("DELETE /pets/{petId}"));
    }

    @Test
    void everyName_isValidAndUnique_clashesAreNumbered_andLongNamesShortened() throws Exception {
        ToolModel model = model(OPENAPI_31, TWO_LINES);
        Set<String> seen = new HashSet<>();
        for (String name : names(model)) {
            assertTrue(ToolNamer.VALID_NAME.matcher(name).matches(), name);
            assertTrue(seen.add(name), "twice: " + name);
        }
        // /pets-list and /pets_list snake-case alike: the second gets a number.
        assertTrue(
                seen.contains("list_all_pets_pets_lists") || seen.contains("get_single_pets_pets_list"),
                seen.toString());
        long numbered = seen.stream().filter(n -> n.endsWith("_2")).count();
        assertEquals(1, numbered, seen.toString());
        String derived = "list_all_pets_pet_vaccination_certificate_signature_verifications";
        String longOne = ToolNamer.fit(derived);
        assertEquals(65, derived.length());
        assertEquals(64, longOne.length(), longOne);
        assertTrue(longOne.startsWith("list_all_pets_pet_vaccination_certificate_signature_ver_"), longOne);
        assertTrue(seen.contains(longOne), seen.toString());
        String warnings = model.warnings().toString();
        assertTrue(warnings.contains("both become tool"), warnings);
        assertTrue(warnings.contains("it is shortened to " + longOne), warnings);
        // The same spec gives the same names again.
        assertEquals(names(model), names(model(OPENAPI_31, TWO_LINES)));
    }

    @Test
    void aMultipartOperation_isNotExposed_andTheSummaryNamesItWithTheReason() throws Exception {
        CodegenResult result = generate(OPENAPI_31, TWO_LINES);
        String summary = String.join("\n", result.summary());
        assertTrue(summary.contains("Not exposed, because a tool cannot send their request bodies:"), summary);
        assertTrue(summary.contains("  uploadPhoto: its request body is multipart/form-data (a file upload)"), summary);
        assertTrue(summary.contains("Read spec.yaml as OpenAPI 3.1.0."), summary);
        assertTrue(summary.contains("Generated in "), summary);
        assertTrue(summary.contains("MiB"), summary);
    }

    @Test
    void aSwagger2Spec_isConverted_withItsBodyParameter_andItsBinaryUploadLeftOut() throws Exception {
        ToolModel model = model(SWAGGER_2, "version: 1\nvendor: shop\n");
        List<String> names = names(model);
        assertTrue(names.contains("list_all_shop_stores"), names.toString());
        ToolDescriptor create = model.tools().stream()
                .filter(t -> t.name().equals("create_a_shop_store"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(names.toString()));
        assertTrue(
                create.inputSchema().path("properties").has("name"),
                create.inputSchema().toString());
        assertTrue(create.path().equals("/v1/stores") || create.path().equals("/stores"), create.path());
        assertTrue(
                model.excluded().get("uploadLogo").contains("application/octet-stream"),
                model.excluded().toString());
        CodegenResult result = generate(SWAGGER_2, "version: 1\nvendor: shop\n");
        assertTrue(
                String.join("\n", result.summary()).contains("as Swagger 2.0, converted to OpenAPI 3.0"),
                result.summary().toString());
    }

    @Test
    void referencesToNothing_failTheBuild_eachWithItsPointer() throws Exception {
        String spec = """
                openapi: 3.0.3
                info: {title: x, version: "1"}
                paths:
                  /a:
                    get:
                      parameters:
                        - $ref: "#/components/parameters/Nope"
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: "#/components/schemas/Missing"}
                components:
                  schemas:
                    Thing: {type: object, properties: {a: {$ref: "#/components/schemas/Thing"}}}
                """;
        CodegenException e = assertThrows(CodegenException.class, () -> model(spec, TWO_LINES));
        String message = e.getMessage();
        assertTrue(message.contains("$ref #/components/parameters/Nope points at nothing"), message);
        assertTrue(message.contains("/paths/~1a/get/parameters/0"), message);
        assertTrue(message.contains("$ref #/components/schemas/Missing points at nothing"), message);
        assertFalse(message.contains("schemas/Thing points"), "a recursive reference resolves: " + message);
    }

    @Test
    void anInvalidSpec_failsWithEveryProblemTheParserFound() throws Exception {
        CodegenException e = assertThrows(
                CodegenException.class, () -> model("openapi: 3.0.3\ninfo: {title: x}\npaths: 7\n", TWO_LINES));
        assertTrue(e.getMessage().contains("problem"), e.getMessage());
    }

    private static String securedSpec(String scheme) {
        return "openapi: 3.0.3\ninfo: {title: S, version: \"1\"}\nsecurity: [{main: []}]\n"
                + "paths:\n  /things:\n    get:\n      responses: {\"200\": {description: ok}}\n"
                + "components:\n  securitySchemes:\n    other: {type: http, scheme: bearer}\n    main: " + scheme
                + "\n";
    }

    @Test
    void theCredential_comesFromTheSecuritySchemeTheSpecRequires() throws Exception {
        assertEquals(
                CredentialScheme.header("X-Api-Key"),
                model(securedSpec("{type: apiKey, in: header, name: X-Api-Key}"), TWO_LINES)
                        .profile()
                        .credential());
        assertEquals(
                CredentialScheme.query("key"),
                model(securedSpec("{type: apiKey, in: query, name: key}"), TWO_LINES)
                        .profile()
                        .credential());
        assertEquals(
                CredentialScheme.basic(),
                model(securedSpec("{type: http, scheme: basic}"), TWO_LINES)
                        .profile()
                        .credential());
        assertEquals(
                CredentialScheme.bearer(),
                model(
                                securedSpec(
                                        "{type: oauth2, flows: {clientCredentials: {tokenUrl: https://x.example/t, scopes: {}}}}"),
                                TWO_LINES)
                        .profile()
                        .credential());
        // A cookie key cannot be sent: the next scheme the spec defines is used.
        assertEquals(
                CredentialScheme.bearer(),
                model(securedSpec("{type: apiKey, in: cookie, name: sid}"), TWO_LINES)
                        .profile()
                        .credential());
        // The rules' server.credential wins over the spec.
        assertEquals(
                CredentialScheme.bearer(),
                model(
                                securedSpec("{type: apiKey, in: header, name: X-Api-Key}"),
                                TWO_LINES + "server: {credential: bearer}\n")
                        .profile()
                        .credential());
        assertEquals("Basic dXNlcjpwYXNz", CredentialScheme.basic().value("user:pass"));
    }
}

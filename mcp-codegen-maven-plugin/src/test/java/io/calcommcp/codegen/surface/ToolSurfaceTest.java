package io.calcommcp.codegen.surface;

import static io.calcommcp.codegen.surface.TestTools.json;
import static io.calcommcp.codegen.surface.TestTools.surface;
import static io.calcommcp.codegen.surface.TestTools.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.surface.ToolSurfaceEntry.ArgumentRoute;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.ToolHints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolSurfaceTest {

    @TempDir
    Path dir;

    /** The golden file pins the format: key order, indentation, escaping, trailing newline. */
    private static String golden() throws IOException {
        try (InputStream in = ToolSurfaceTest.class.getResourceAsStream("/surface/tools.lock.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Built in the "wrong" order on purpose: tools, operations, tags and schema keys unsorted, a
     * duplicate tag; one operation is not exposed.
     */
    private static ToolSurface sample() {
        ObjectNode length = JsonNodeFactory.instance.objectNode();
        length.put("type", "integer");
        length.put("maximum", 1440L); // a long must be written like the int the parser reads back
        length.put("multipleOf", 0.5);
        ObjectNode booking = json("{'type':'object','required':['attendee','start'],'properties':{"
                + "'start':{'type':'string','format':'date-time'},"
                + "'attendee':{'type':'object','required':['name','timeZone'],'properties':{"
                + "'timeZone':{'type':'string','description':'IANA time zone'},'name':{'type':'string'}}}},"
                + "'additionalProperties':false}");
        ((ObjectNode) booking.get("properties")).set("lengthInMinutes", length);
        return new ToolSurface(
                List.of(
                        tool("get_me")
                                .operation("MeController_getMe")
                                .verb("get")
                                .path("/v2/me")
                                .tags()
                                .title("Café – my profile")
                                .description("")
                                .build(),
                        new ToolSurfaceEntry(
                                "create_a_calcom_booking",
                                "BookingsController_2024_08_13_createBooking",
                                "POST",
                                "/v2/bookings",
                                Access.WRITE,
                                "create",
                                List.of("event-types", "bookings", "bookings"),
                                new ToolHints(false, false, false, true),
                                new TreeMap<>(Map.of("cal-api-version", "2024-08-13")),
                                new TreeMap<>(Map.of(
                                        "start",
                                        new ArgumentRoute(ArgumentLocation.BODY_PROPERTY, "startTime"),
                                        "attendee",
                                        new ArgumentRoute(ArgumentLocation.BODY_PROPERTY, "attendee"),
                                        "lengthInMinutes",
                                        new ArgumentRoute(ArgumentLocation.BODY_PROPERTY, "lengthInMinutes"))),
                                "Create a booking",
                                "Books a slot.\nStart must carry an offset, e.g. \"2026-10-15T14:00:00-05:00\".",
                                booking,
                                Optional.empty())),
                List.of(
                        OperationEntry.notExposed(
                                "OAuthClientsController_getOAuthClients",
                                "deprecated by Cal.com\n(platform endpoints)"),
                        OperationEntry.exposed("MeController_getMe", "get_me"),
                        OperationEntry.exposed(
                                "BookingsController_2024_08_13_createBooking", "create_a_calcom_booking")));
    }

    @Test
    void toJsonWritesTheLockFormatExactly() throws IOException {
        if ("true".equals(System.getenv("UPDATE_GOLDEN"))) {
            // After an intended format change: rewrite the golden file, then review its diff.
            java.nio.file.Files.writeString(
                    Path.of("src/test/resources/surface/tools.lock.json"), sample().toJson(), StandardCharsets.UTF_8);
        }
        assertEquals(golden(), sample().toJson());
    }

    @Test
    void parsingTheLockFileGivesTheSameSurface() throws IOException {
        ToolSurface parsed = ToolSurface.parse(golden());
        assertEquals(sample(), parsed);
        assertEquals(golden(), parsed.toJson());
        assertEquals(
                List.of("create_a_calcom_booking", "get_me"),
                parsed.tools().stream().map(ToolSurfaceEntry::name).toList());
    }

    @Test
    void schemasThatDifferOnlyInKeyOrderAreEqual() {
        ToolSurfaceEntry a = tool("t")
                .schema("{'type':'object','properties':{'x':{'type':'string','format':'date'}}}")
                .build();
        ToolSurfaceEntry b = tool("t")
                .schema("{'properties':{'x':{'format':'date','type':'string'}},'type':'object'}")
                .build();
        assertEquals(a, b);
        assertEquals(new ToolSurface(List.of(a)).toJson(), new ToolSurface(List.of(b)).toJson());
    }

    @Test
    void entriesCannotBeChangedThroughTheirSchema() {
        ToolSurfaceEntry entry = tool("t").build();
        entry.inputSchema().put("type", "string");
        assertEquals("object", entry.inputSchema().get("type").asText());
    }

    @Test
    void duplicateToolNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> surface(tool("a"), tool("a")));
        assertEquals("duplicate tool name: a", e.getMessage());
    }

    @Test
    void emptySurfaceRoundTrips() throws IOException {
        assertEquals(
                "{\n  \"formatVersion\": 1,\n  \"tools\": [],\n  \"operations\": []\n}\n",
                ToolSurface.empty().toJson());
        assertEquals(ToolSurface.empty(), ToolSurface.parse(ToolSurface.empty().toJson()));
    }

    // --- malformed lock files: the message names the file and says what is wrong -------------

    private String readError(String content) throws IOException {
        Path file = dir.resolve("tools.lock.json");
        Files.writeString(file, content);
        return assertThrows(SurfaceFormatException.class, () -> ToolSurface.read(file))
                .getMessage();
    }

    private String file() {
        return dir.resolve("tools.lock.json").toString();
    }

    @Test
    void invalidJsonIsReportedWithFileLineAndColumn() throws IOException {
        String message = readError("{\n  \"formatVersion\": 1,\n  \"tools\": [,]\n}\n");
        assertTrue(
                message.startsWith(file() + ": line 3, column 13: not valid JSON: Unexpected character (','"), message);
        assertTrue(message.endsWith("Fix the file, or restore it from version control and regenerate it."), message);
    }

    @Test
    void emptyFileIsReported() throws IOException {
        assertEquals(
                file() + ": the file is empty, expected a JSON object. "
                        + "Fix the file, or restore it from version control and regenerate it.",
                readError(""));
    }

    @Test
    void duplicateJsonKeysAreReported() throws IOException {
        String message = readError("{\"formatVersion\": 1, \"formatVersion\": 1, \"tools\": []}");
        assertTrue(message.startsWith(file() + ": line 1, column "), message);
        assertTrue(message.contains("Duplicate field 'formatVersion'"), message);
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        assertEquals(
                file() + ": unsupported \"formatVersion\" 2 (this plugin reads version 1). "
                        + "Fix the file, or restore it from version control and regenerate it.",
                readError("{\"formatVersion\": 2, \"tools\": [], \"operations\": []}"));
    }

    @Test
    void everyProblemIsListedWithTheToolItBelongsTo() throws IOException {
        String content = golden().replace("\"access\": \"write\"", "\"access\": \"admin\"")
                .replace("\"tags\": [],", "\"tags\": [],\n      \"tag\": \"x\",")
                .replace("\"description\": \"\",", "\"description\": 3,");
        SurfaceFormatException e = assertThrows(
                SurfaceFormatException.class, () -> ToolSurface.parse(content, "calcom-openapi/tools.lock.json"));
        assertEquals("calcom-openapi/tools.lock.json", e.source());
        assertEquals(
                List.of(
                        "tools[0] (create_a_calcom_booking): \"access\" must be \"read\" or \"write\", found \"admin\"",
                        "tools[1] (get_me): unknown key \"tag\"",
                        "tools[1] (get_me): \"description\" must be a string, found number"),
                e.problems());
        assertEquals(
                "calcom-openapi/tools.lock.json: 3 problems:\n"
                        + "  - tools[0] (create_a_calcom_booking): \"access\" must be \"read\" or \"write\", found \"admin\"\n"
                        + "  - tools[1] (get_me): unknown key \"tag\"\n"
                        + "  - tools[1] (get_me): \"description\" must be a string, found number\n"
                        + "Fix the file, or restore it from version control and regenerate it.",
                e.getMessage());
    }

    /**
     * Valid annotations of a read tool, no constant headers and no arguments, for lock texts
     * written inline in a test.
     */
    private static final String HINTS = "\"annotations\": {\"destructiveHint\": false, \"idempotentHint\": true,"
            + " \"openWorldHint\": true, \"readOnlyHint\": true}, \"headers\": {}, \"arguments\": {},";

    @Test
    void missingFieldsAndDuplicateNamesAreReported() {
        String content = "{\"formatVersion\": 1, \"tools\": ["
                + "{\"name\": \"a\", \"operation\": \"A\", \"method\": \"GET\", \"path\": \"/a\", \"access\": \"read\", \"verb\": \"list\","
                + " \"tags\": [], " + HINTS + " \"title\": \"\", \"description\": \"\", \"inputSchema\": {}},"
                + "{\"name\": \"a\", \"operation\": \"B\", \"method\": \"GET\", \"path\": \"/b\", \"access\": \"read\", \"verb\": \"list\","
                + " \"tags\": [], " + HINTS + " \"title\": \"\", \"description\": \"\", \"inputSchema\": {}},"
                + "{\"name\": \"c\", \"method\": \"GET\", \"path\": \"/c\", \"access\": \"read\", \"verb\": \"list\","
                + " \"tags\": [1], " + HINTS + " \"title\": \"\", \"description\": \"\", \"inputSchema\": []},"
                + "[]], \"operations\": []}";
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(content));
        assertEquals(
                List.of(
                        "tools[1] (a): duplicate tool name (also tools[0])",
                        "tools[2] (c): \"operation\" must be a string, but it is missing",
                        "tools[2] (c): \"tags\" must be an array of strings, found [1]",
                        "tools[2] (c): \"inputSchema\" must be a JSON Schema object, found array",
                        "tools[3]: expected an object, found array"),
                e.problems());
        assertTrue(e.getMessage().startsWith("tool surface: 5 problems:"), e.getMessage());
    }

    @Test
    void annotationsMustBeAnObjectOfExactlyTheFourBooleanHints() throws IOException {
        String content = golden().replace(
                        "{\"destructiveHint\": false, \"idempotentHint\": false, \"openWorldHint\": true,"
                                + " \"readOnlyHint\": false}",
                        "{\"destructiveHint\": \"false\", \"idempotentHint\": null, \"openWorldHint\": {},"
                                + " \"readOnly\": false}")
                .replace(
                        "\"annotations\": {\"destructiveHint\": false, \"idempotentHint\": true, \"openWorldHint\": true,"
                                + " \"readOnlyHint\": true},\n",
                        "");
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(content));
        assertEquals(
                List.of(
                        "tools[0] (create_a_calcom_booking): \"annotations\" has unknown key \"readOnly\"",
                        "tools[0] (create_a_calcom_booking): \"annotations\" key \"destructiveHint\" must be true or"
                                + " false, found \"false\"",
                        "tools[0] (create_a_calcom_booking): \"annotations\" key \"idempotentHint\" must be true or"
                                + " false, found null",
                        "tools[0] (create_a_calcom_booking): \"annotations\" key \"openWorldHint\" must be true or"
                                + " false, found object",
                        "tools[0] (create_a_calcom_booking): \"annotations\" key \"readOnlyHint\" must be true or"
                                + " false, but it is missing",
                        "tools[1] (get_me): \"annotations\" must be an object of the boolean hints destructiveHint,"
                                + " idempotentHint, openWorldHint and readOnlyHint, but it is missing"),
                e.problems());
        String array = golden().replaceFirst("\"annotations\": \\{[^}]*}", "\"annotations\": [true]");
        assertEquals(
                List.of("tools[0] (create_a_calcom_booking): \"annotations\" must be an object of the boolean hints"
                        + " destructiveHint, idempotentHint, openWorldHint and readOnlyHint, found array"),
                assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(array))
                        .problems());
    }

    @Test
    void aLockWrittenBeforeAnnotationsWereRecordedIsOneProblemNotOnePerTool() throws IOException {
        String content = golden().replaceAll("\\n *\"annotations\": \\{[^}]*},", "");
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(content));
        assertEquals(
                List.of("no tool has \"annotations\" (its MCP hints): the file was written before the lock recorded"
                        + " them"),
                e.problems());
    }

    @Test
    void annotationsAreWrittenInTheOrderOfTheirNamesAndReadBack() throws IOException {
        ToolHints hints = new ToolHints(false, true, true, false);
        ToolSurface surface = surface(tool("t").annotations(false, true, true, false));
        assertEquals(
                ToolSurfaceEntry.HINT_NAMES,
                List.copyOf(surface.tools().get(0).hintsByName().keySet()));
        assertTrue(
                surface.toJson()
                        .contains("\"annotations\": {\"destructiveHint\": true, \"idempotentHint\": true,"
                                + " \"openWorldHint\": false, \"readOnlyHint\": false},\n"),
                surface.toJson());
        assertEquals(hints, ToolSurface.parse(surface.toJson()).tools().get(0).hints());
    }

    // --- how the request is routed: constant headers and where each argument goes -------------

    @Test
    void everyArgumentRouteIsSpelledCompactlyAndReadBack() throws IOException {
        ToolSurface surface = surface(tool("t")
                .schema("{'type':'object','properties':{'uid':{'type':'string'},'take':{'type':'integer'},"
                        + "'trace':{'type':'string'},'body_id':{'type':'string'},'name':{'type':'string'},"
                        + "'payload':{'type':'array'},'q':{'type':'string'}}}")
                .route("uid", "path")
                .route("take", "query:limit")
                .route("trace", "header:X-Trace:Id")
                .route("body_id", "body:id")
                .route("name", "body")
                .route("payload", "wholeBody")
                .headers("cal-api-version", "2024-08-13", "x-extra", "on"));
        String json = surface.toJson();
        assertTrue(
                json.contains("      \"headers\": {\"cal-api-version\": \"2024-08-13\", \"x-extra\": \"on\"},\n"
                        + "      \"arguments\": {\n"
                        + "        \"body_id\": \"body:id\",\n"
                        + "        \"name\": \"body\",\n"
                        + "        \"payload\": \"wholeBody\",\n"
                        + "        \"q\": \"query\",\n"
                        + "        \"take\": \"query:limit\",\n"
                        + "        \"trace\": \"header:X-Trace:Id\",\n"
                        + "        \"uid\": \"path\"\n"
                        + "      },\n"
                        + "      \"title\""),
                json);
        ToolSurfaceEntry read = ToolSurface.parse(json).tools().get(0);
        assertEquals(surface.tools().get(0), read);
        assertEquals(
                new ArgumentRoute(ArgumentLocation.HEADER, "X-Trace:Id"),
                read.arguments().get("trace"));
        assertEquals(ArgumentRoute.wholeBody(), read.arguments().get("payload"));
        assertEquals(
                new ArgumentRoute(ArgumentLocation.QUERY, "q"), read.arguments().get("q"));
    }

    @Test
    void aRouteMustNameALocationAndTheWholeBodyHasNoWireName() {
        assertEquals(
                "the whole body has no wire name, found \"body\"",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new ArgumentRoute(ArgumentLocation.WHOLE_BODY, "body"))
                        .getMessage());
        assertEquals(
                "the wire name of a query argument must not be blank",
                assertThrows(IllegalArgumentException.class, () -> new ArgumentRoute(ArgumentLocation.QUERY, " "))
                        .getMessage());
    }

    @Test
    void anEntryMustRouteExactlyTheArgumentsOfItsSchema() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> tool("t")
                        .schema("{'type':'object','properties':{'a':{'type':'string'}}}")
                        .route("b", "query")
                        .build());
        assertEquals("tool t: \"arguments\" routes \"b\", which the input schema does not have", e.getMessage());
        ObjectNode schema = json("{'type':'object','properties':{'a':{'type':'string'},'c':{'type':'string'}}}");
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> new ToolSurfaceEntry(
                        "t",
                        "Op",
                        "GET",
                        "/t",
                        Access.READ,
                        "get",
                        List.of(),
                        new ToolHints(true, false, true, true),
                        new TreeMap<>(),
                        new TreeMap<>(),
                        "",
                        "",
                        schema,
                        Optional.empty()));
        assertEquals("tool t: \"arguments\" has no route for \"a\", \"c\" of the input schema", missing.getMessage());
    }

    @Test
    void pagingRoundTripsAndIsCheckedStrictly() throws Exception {
        Paging paging = Paging.offset("take", "skip")
                .records("/data")
                .hasMore("/pagination/hasNextPage")
                .limits(100, 250);
        ToolSurfaceEntry entry = tool("list_all_x")
                .schema("{'type':'object','properties':{'limit':{'type':'integer'},'next_cursor':{'type':'string'}}}")
                .route("limit", "paging")
                .route("next_cursor", "paging")
                .paging(paging)
                .build();
        ToolSurface surface =
                new ToolSurface(List.of(entry), List.of(OperationEntry.exposed("Op_list_all_x", "list_all_x")));
        String json = surface.toJson();
        assertTrue(json.contains("\"paging\": {\n        \"style\": \"offset\""), json);
        assertEquals(surface, ToolSurface.parse(json, "lock"));

        String broken = json.replace("\"maxLimit\": 250", "\"maxLimit\": 0")
                .replace("\"style\": \"offset\"", "\"style\": \"pages\"")
                .replace("\"records\": \"/data\"", "\"records\": \"/data\", \"colour\": 1");
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(broken, "lock"));
        assertEquals(
                List.of(
                        "tools[0] (list_all_x) (paging): unknown key \"colour\"",
                        "tools[0] (list_all_x) (paging): unknown \"style\" \"pages\" (this plugin reads \"offset\")",
                        "tools[0] (list_all_x) (paging): \"maxLimit\" must be a whole number of at least 1, found 0"),
                e.problems());
        String unpaged = json.replaceAll("(?s),\\s*\"paging\": \\{[^}]*\\}", "");
        SurfaceFormatException mismatch =
                assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(unpaged, "lock"));
        assertEquals(
                List.of(
                        "tools[0] (list_all_x): \"arguments\" routes \"limit\", \"next_cursor\" to paging, but the tool has"
                                + " no \"paging\""),
                mismatch.problems());
    }

    @Test
    void headersAndArgumentsAreCheckedStrictlyNamingTheTool() throws IOException {
        String content = golden().replace(
                        "\"headers\": {\"cal-api-version\": \"2024-08-13\"}",
                        "\"headers\": {\"cal-api-version\": 20240813, \"\": \"x\"}")
                .replace(
                        "\"arguments\": {\"attendee\": \"body\", \"lengthInMinutes\": \"body\", \"start\": \"body:startTime\"}",
                        "\"arguments\": {\"attendee\": \"cookie\", \"lengthInMinutes\": 5, \"start\": \"body:\","
                                + " \"x\": \"wholeBody:x\"}")
                .replace("\"headers\": {},\n", "\"headers\": [],\n")
                .replace("\"arguments\": {},\n", "");
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(content));
        assertEquals(
                List.of(
                        "tools[0] (create_a_calcom_booking): \"headers\" key \"cal-api-version\" must be a string,"
                                + " found 20240813",
                        "tools[0] (create_a_calcom_booking): \"headers\" has a blank header name",
                        "tools[0] (create_a_calcom_booking): \"arguments\" key \"attendee\": \"cookie\" is not a"
                                + " location: expected path, query, header, body, wholeBody or paging, optionally followed by"
                                + " :wireName (\"wholeBody\" alone)",
                        "tools[0] (create_a_calcom_booking): \"arguments\" key \"lengthInMinutes\" must be a string"
                                + " (path, query, header, body, wholeBody or paging, optionally :wireName), found 5",
                        "tools[0] (create_a_calcom_booking): \"arguments\" key \"start\": \"body:\": the wire name"
                                + " after \":\" must not be blank",
                        "tools[0] (create_a_calcom_booking): \"arguments\" key \"x\": \"wholeBody:x\": the whole body"
                                + " has no wire name, write \"wholeBody\"",
                        "tools[1] (get_me): \"headers\" must be an object of header names and their values (strings),"
                                + " found array",
                        "tools[1] (get_me): \"arguments\" must be an object of argument names and where each goes"
                                + " (\"query\", \"body:id\", ...), but it is missing"),
                e.problems());
    }

    @Test
    void argumentsThatDisagreeWithTheInputSchemaAreReported() throws IOException {
        String content = golden().replace("\"start\": \"body:startTime\"}", "\"notes\": \"body\"}")
                .replace("\"arguments\": {},\n", "\"arguments\": {\"verbose\": \"query\"},\n");
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(content));
        assertEquals(
                List.of(
                        "tools[0] (create_a_calcom_booking): \"arguments\" has no route for \"start\" of the input"
                                + " schema; \"arguments\" routes \"notes\", which the input schema does not have",
                        "tools[1] (get_me): \"arguments\" routes \"verbose\", which the input schema does not have"),
                e.problems());
    }

    @Test
    void aLockWrittenBeforeRoutingWasRecordedIsOneProblemPerKeyNotPerTool() throws IOException {
        String content = golden().replaceAll("\\n *\"headers\": \\{[^}]*},", "")
                .replaceAll("\\n *\"arguments\": \\{[^}]*},", "");
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(content));
        assertEquals(
                List.of(
                        "no tool has \"headers\" (the constant headers its request sends): the file was written"
                                + " before the lock recorded them",
                        "no tool has \"arguments\" (where its request sends its arguments): the file was written"
                                + " before the lock recorded them"),
                e.problems());
    }

    @Test
    void missingTopLevelKeysAreReported() {
        SurfaceFormatException e =
                assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse("{\"tool\": []}", "x.json"));
        assertEquals(
                List.of(
                        "top level: unknown key \"tool\"",
                        "missing \"formatVersion\" (expected 1)",
                        "missing \"tools\" (an array)",
                        "missing \"operations\" (an array)"),
                e.problems());
    }

    @Test
    void textThatIsNotUtf8IsReported() throws IOException {
        Path file = dir.resolve("tools.lock.json");
        Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.read(file));
        assertEquals(
                file + ": not valid UTF-8 text. "
                        + "Fix the file, or restore it from version control and regenerate it.",
                e.getMessage());
    }

    // --- the operations section -----------------------------------------------------------

    @Test
    void aSurfaceOfToolsAloneListsEachToolsOperationAsExposed() {
        ToolSurface surface = surface(tool("b").operation("OpB"), tool("a").operation("OpA"));
        assertEquals(
                List.of(OperationEntry.exposed("OpA", "a"), OperationEntry.exposed("OpB", "b")), surface.operations());
    }

    @Test
    void operationsWithoutExactlyOneOfToolAndReasonAreRejected() {
        assertEquals(
                "operation X needs either a tool or a reason why it is not exposed, not both",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new OperationEntry("X", java.util.Optional.of("x"), java.util.Optional.of("why")))
                        .getMessage());
        assertEquals(
                "notExposed must not be blank",
                assertThrows(IllegalArgumentException.class, () -> OperationEntry.notExposed("X", " "))
                        .getMessage());
    }

    @Test
    void toolsAndOperationsMustAgree() {
        ToolSurfaceEntry a = tool("a").operation("OpA").build();
        IllegalArgumentException unlisted = assertThrows(
                IllegalArgumentException.class,
                () -> new ToolSurface(List.of(a), List.of(OperationEntry.notExposed("OpA", "hidden"))));
        assertEquals("tool a calls operation OpA, but \"operations\" says it is not exposed", unlisted.getMessage());
        IllegalArgumentException missingTool = assertThrows(
                IllegalArgumentException.class,
                () -> new ToolSurface(List.of(), List.of(OperationEntry.exposed("OpA", "a"))));
        assertEquals("operation OpA is exposed as tool a, which is missing from \"tools\"", missingTool.getMessage());
        IllegalArgumentException duplicate = assertThrows(
                IllegalArgumentException.class,
                () -> new ToolSurface(
                        List.of(),
                        List.of(OperationEntry.notExposed("X", "one"), OperationEntry.notExposed("X", "two"))));
        assertEquals("duplicate operation: X", duplicate.getMessage());
    }

    @Test
    void malformedOperationEntriesAreReportedWithTheirIndexAndId() {
        String content = "{\"formatVersion\": 1, \"tools\": [], \"operations\": ["
                + "{\"operation\": \"A\", \"notExposed\": \"why\"},"
                + "{\"operation\": \"B\", \"tool\": \"b\", \"notExposed\": \"why\"},"
                + "{\"operation\": \"C\"},"
                + "{\"operation\": \"A\", \"notExposed\": \"again\"},"
                + "{\"notExposed\": \"\", \"reason\": \"x\"},"
                + "\"D\"]}";
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(content));
        assertEquals(
                List.of(
                        "operations[1] (B): needs exactly one of \"tool\" (the tool that calls it) and \"notExposed\""
                                + " (why no tool does), found both",
                        "operations[2] (C): needs exactly one of \"tool\" (the tool that calls it) and \"notExposed\""
                                + " (why no tool does), found neither",
                        "operations[3] (A): duplicate operation (also operations[0])",
                        "operations[4]: unknown key \"reason\"",
                        "operations[4]: \"operation\" must be a string, but it is missing",
                        "operations[4]: \"notExposed\" must not be blank",
                        "operations[5]: expected an object, found string"),
                e.problems());
    }

    @Test
    void aLockWhoseToolsAndOperationsDisagreeIsReported() throws IOException {
        // As a bad merge might leave it: a tool whose operation is listed as not exposed, and an
        // operation naming a tool that is gone.
        String content = golden().replace(
                        "{\"operation\": \"MeController_getMe\", \"tool\": \"get_me\"}",
                        "{\"operation\": \"MeController_getMe\", \"notExposed\": \"hidden\"}")
                .replace(
                        "\"notExposed\": \"deprecated by Cal.com\\n(platform endpoints)\"",
                        "\"tool\": \"list_all_oauth_clients\"");
        SurfaceFormatException e = assertThrows(SurfaceFormatException.class, () -> ToolSurface.parse(content));
        assertEquals(
                List.of(
                        "tool get_me calls operation MeController_getMe, but \"operations\" says it is not exposed",
                        "operation OAuthClientsController_getOAuthClients is exposed as tool list_all_oauth_clients,"
                                + " which is missing from \"tools\""),
                e.problems());
    }
}

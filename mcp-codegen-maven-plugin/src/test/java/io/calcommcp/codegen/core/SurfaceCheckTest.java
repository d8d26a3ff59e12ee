package io.calcommcp.codegen.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.core.SurfaceCheckResult.Outcome;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.surface.OperationEntry;
import io.calcommcp.codegen.surface.ToolSurface;
import io.calcommcp.toolapi.ToolHints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check and update modes on a small notes API that changes between two versions the way
 * Cal.com's does: arguments removed and added, enums widened, operations added and removed.
 */
class SurfaceCheckTest {

    /** Version 1 of the API. */
    static final String V1 = """
            openapi: 3.0.3
            info: {title: Notes, version: "1"}
            paths:
              /notes:
                get:
                  operationId: listNotes
                  summary: List notes
                  tags: [Notes]
                  parameters:
                    - {name: since, in: query, schema: {type: string, format: date-time, example: "2026-01-01T00:00:00Z"}}
                    - {name: limit, in: query, schema: {type: integer}}
                post:
                  operationId: createNote
                  summary: Create a note
                  tags: [Notes]
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [text]
                          properties:
                            text: {type: string}
                            color: {type: string, enum: [red, blue]}
              /notes/{noteId}:
                delete:
                  operationId: deleteNote
                  summary: Delete a note
                  tags: [Notes]
                  parameters:
                    - {name: noteId, in: path, required: true, schema: {type: string}}
              /admin/stats:
                get:
                  operationId: getStats
                  summary: Usage statistics
                  tags: [Admin]
              /legacy:
                get:
                  operationId: legacyList
                  summary: Old list
                  tags: [Legacy]
            """;

    /**
     * Version 2: listNotes lost {@code limit} and requires {@code folder}; createNote gained a
     * color and an optional argument; deleteNote and getStats are gone; getNote (exposed by
     * default), getAudit (not exposed: its tag is not listed) and listTags (exposed by a rule) are new.
     */
    static final String V2 = """
            openapi: 3.0.3
            info: {title: Notes, version: "2"}
            paths:
              /notes:
                get:
                  operationId: listNotes
                  summary: List notes
                  tags: [Notes]
                  parameters:
                    - {name: since, in: query, schema: {type: string, format: date-time, example: "2027-01-01T00:00:00Z"}}
                    - {name: folder, in: query, required: true, schema: {type: string}}
                post:
                  operationId: createNote
                  summary: Create a note
                  tags: [Notes]
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [text]
                          properties:
                            text: {type: string}
                            color: {type: string, enum: [red, blue, green]}
                            pinned: {type: boolean}
              /notes/{noteId}:
                get:
                  operationId: getNote
                  summary: Get a note
                  tags: [Notes]
                  parameters:
                    - {name: noteId, in: path, required: true, schema: {type: string}}
              /admin/audit:
                get:
                  operationId: getAudit
                  summary: Audit log
                  tags: [Admin]
              /tags:
                get:
                  operationId: listTags
                  summary: List tags
                  tags: [Tags]
              /legacy:
                get:
                  operationId: legacyList
                  summary: Old list
                  tags: [Legacy]
            """;

    static final String RULES = """
            version: 1
            vendor: acme
            expose-tags: [Notes]
            rules:
              - match: {tag: Legacy}
                expose: false
                reason: replaced by listNotes
              # Only in version 2: a path rule, so version 1 just warns that it matches nothing.
              - match: {path: /tags}
                expose: true
            """;

    @TempDir
    Path dir;

    Path v1;
    Path v2;
    Path rules;
    Path lock;
    Path report;

    @BeforeEach
    void writeInputs() throws IOException {
        v1 = Files.writeString(dir.resolve("notes-v1.yaml"), V1);
        v2 = Files.writeString(dir.resolve("notes-v2.yaml"), V2);
        rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
        lock = dir.resolve("api/tools.lock.json");
        report = dir.resolve("target/tool-surface-diff.md");
    }

    /** Generates from {@code spec} and the rules, then checks what was generated, as a build does. */
    private SurfaceCheckResult run(Path spec, boolean update) throws CodegenException {
        new Codegen().generate(new CodegenRequest(spec.toString(), rules, out(), "com.example.notes", "test"));
        return check(update);
    }

    private SurfaceCheckResult check(boolean update) throws CodegenException {
        return new SurfaceCheck().run(new SurfaceCheckRequest(out(), lock, update, Optional.of(report)));
    }

    private Path out() {
        return dir.resolve("target/generated-sources/mcp-tools");
    }

    @Test
    void withoutALockTheCheckFailsListingEveryToolAndWritesNothingButTheReport() throws Exception {
        SurfaceCheckResult result = run(v1, false);
        assertEquals(Outcome.CHANGED, result.outcome());
        assertFalse(result.lockExisted());
        assertFalse(Files.exists(lock), "check mode must not create the lock");
        assertEquals(
                List.of(
                        "compatible  create_a_acme_note: tool added (`POST /notes`)",
                        "compatible  delete_a_acme_note_by_id: tool added (`DELETE /notes/{noteId}`)",
                        "compatible  list_all_acme_notes: tool added (`GET /notes`)"),
                result.report()
                        .toText()
                        .lines()
                        .filter(l -> l.contains(": tool added"))
                        .toList());
        assertTrue(Files.readString(report).startsWith("## Tool surface changes\n\n0 breaking, 3 compatible\n"));
    }

    @Test
    void updateWritesTheLockThenTheCheckPassesAndSaysSo() throws Exception {
        SurfaceCheckResult created = run(v1, true);
        assertEquals(Outcome.UPDATED, created.outcome());
        String lockText = Files.readString(lock);
        ToolSurface locked = ToolSurface.read(lock);
        assertEquals(
                List.of("create_a_acme_note", "delete_a_acme_note_by_id", "list_all_acme_notes"),
                locked.tools().stream().map(t -> t.name()).toList());
        assertEquals(
                List.of(
                        OperationEntry.exposed("createNote", "create_a_acme_note"),
                        OperationEntry.exposed("deleteNote", "delete_a_acme_note_by_id"),
                        OperationEntry.notExposed("getStats", "spec tag not in expose-tags: Admin"),
                        OperationEntry.notExposed("legacyList", "replaced by listNotes"),
                        OperationEntry.exposed("listNotes", "list_all_acme_notes")),
                locked.operations());
        // Examples are not part of the surface: changing one must not change the lock.
        assertFalse(lockText.contains("2026-01-01"), lockText);

        SurfaceCheckResult checked = run(v1, false);
        assertEquals(Outcome.UNCHANGED, checked.outcome());
        assertTrue(checked.report().isEmpty());
        assertEquals(List.of(), checked.warnings());
        assertEquals("## Tool surface changes\n\nNo changes to the tool surface.\n", Files.readString(report));
        assertEquals(lockText, Files.readString(lock));
    }

    @Test
    void aChangedSpecFailsTheCheckWithEveryChangeMarkedAndLeavesTheLockAlone() throws Exception {
        run(v1, true);
        byte[] before = Files.readAllBytes(lock);

        SurfaceCheckResult result = run(v2, false);

        assertEquals(Outcome.CHANGED, result.outcome());
        assertTrue(result.lockExisted());
        assertArrayEquals(before, Files.readAllBytes(lock), "check mode must not touch the lock");
        assertEquals("""
                Tool surface changes: 3 breaking, 4 compatible
                compatible  create_a_acme_note: argument `color` enum values added: `green`
                compatible  create_a_acme_note: argument `pinned` added (optional)
                BREAKING    delete_a_acme_note_by_id: tool removed (was `DELETE /notes/{noteId}`)
                compatible  get_single_acme_note_by_id: tool added (`GET /notes/{noteId}`)
                BREAKING    list_all_acme_notes: argument `folder` added (required)
                BREAKING    list_all_acme_notes: argument `limit` removed
                compatible  list_all_acme_tags: tool added (`GET /tags`)
                Spec operation changes: 1 breaking, 4 compatible
                BREAKING    operation deleteNote: removed from the spec, so tool `delete_a_acme_note_by_id` is gone
                compatible  operation getAudit: new in the spec, not exposed: spec tag not in expose-tags: Admin
                compatible  operation getNote: new in the spec, exposed by default as `get_single_acme_note_by_id`
                compatible  operation getStats: removed from the spec (was not exposed)
                compatible  operation listTags: new in the spec, exposed by a rule as `list_all_acme_tags`
                """, result.report().toText());
        assertEquals(result.report().toMarkdown(), Files.readString(report));
    }

    @Test
    void updateAcceptsTheNewSpecAndTheNextCheckPasses() throws Exception {
        run(v1, true);
        SurfaceCheckResult updated = run(v2, true);
        assertEquals(Outcome.UPDATED, updated.outcome());
        assertEquals(3, updated.report().breakingCount());
        assertTrue(Files.readString(report).contains("- **BREAKING**: argument `limit` removed\n"));

        assertEquals(Outcome.UNCHANGED, run(v2, false).outcome());
        assertEquals(Outcome.UNCHANGED, run(v2, true).outcome(), "an update without changes rewrites nothing");
    }

    @Test
    void theLockRecordsEachToolsAnnotationsAndARuleFlippingAHintFailsTheCheck() throws Exception {
        run(v1, true);
        ToolSurface locked = ToolSurface.read(lock);
        assertEquals(
                new ToolHints(false, true, true, true),
                locked.tool("delete_a_acme_note_by_id").orElseThrow().hints());
        assertEquals(
                new ToolHints(true, false, true, true),
                locked.tool("list_all_acme_notes").orElseThrow().hints());

        // Same spec, same tools: only the reviewed rules changed what clients are told.
        Files.writeString(rules, RULES + """
                  - match: {operation: createNote}
                    hints: {destructive: true, idempotent: true}
                """);
        SurfaceCheckResult result = run(v1, false);

        assertEquals(Outcome.CHANGED, result.outcome());
        assertEquals("""
                Tool surface changes: 1 breaking, 1 compatible
                BREAKING    create_a_acme_note: annotation destructiveHint changed from false to true
                compatible  create_a_acme_note: annotation idempotentHint changed from false to true
                """, result.report().toText());
    }

    @Test
    void theLockRecordsHowEachRequestIsRoutedAndAChangedRouteIsReported() throws Exception {
        run(v1, true);
        ToolSurface locked = ToolSurface.read(lock);
        assertEquals(
                Map.of("limit", "query", "since", "query"),
                locked.tool("list_all_acme_notes").orElseThrow().argumentsAsJson());
        assertEquals(
                Map.of("color", "body", "text", "body"),
                locked.tool("create_a_acme_note").orElseThrow().argumentsAsJson());
        assertEquals(
                Map.of("noteId", "path"),
                locked.tool("delete_a_acme_note_by_id").orElseThrow().argumentsAsJson());
        assertEquals(Map.of(), locked.tool("list_all_acme_notes").orElseThrow().headers());

        // The model calls list_all_acme_notes as before; the request it becomes is different.
        Files.writeString(v1, V1.replace("{name: limit, in: query", "{name: limit, in: header"));
        Files.writeString(rules, RULES + """
                  - match: {operation: listNotes}
                    headers: {x-api-version: "2"}
                """);
        SurfaceCheckResult result = run(v1, false);

        assertEquals(Outcome.CHANGED, result.outcome());
        assertEquals("""
                Tool surface changes: 0 breaking, 2 compatible
                compatible  list_all_acme_notes: constant header `x-api-version` added, value `2`
                compatible  list_all_acme_notes: argument `limit` is now sent as header `limit` (was query parameter `limit`)
                """, result.report().toText());
    }

    @Test
    void theCheckComparesTheGeneratedSurfaceAndReadsNeitherTheSpecNorTheRules() throws Exception {
        run(v1, true);
        new Codegen().generate(new CodegenRequest(v2.toString(), rules, out(), "com.example.notes", "test"));
        // Both inputs gone: the check has all it needs in what generate wrote.
        Files.delete(v2);
        Files.delete(rules);

        SurfaceCheckResult result = check(false);

        assertEquals(Outcome.CHANGED, result.outcome(), "the v2 surface differs from the v1 lock");
        assertEquals(out().resolve("tool-surface/tools.lock.json"), result.compared());
        assertEquals(3, result.report().breakingCount());
        assertTrue(
                result.report().toText().contains("operation listTags: new in the spec, exposed by a rule"),
                result.report().toText());
    }

    @Test
    void aCheckWithoutGeneratedSourcesSaysToRunGenerateFirst() throws Exception {
        CodegenException e = assertThrows(CodegenException.class, () -> check(false));
        assertTrue(e.getMessage().contains("there is no generated tool surface to check"), e.getMessage());
        assertTrue(e.getMessage().contains("run the generate goal first"), e.getMessage());
        assertFalse(Files.exists(report), "nothing is written");
    }

    @Test
    void aBrokenLockFailsTheCheckNamingTheFileAndHowToRepairIt() throws Exception {
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "{\n<<<<<<< HEAD\n");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "previous report");

        CodegenException e = assertThrows(CodegenException.class, () -> run(v1, false));

        assertTrue(e.getMessage().contains(lock + ": line 2, column 1: not valid JSON"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("fix: restore it from version control (git checkout -- <file>), or rewrite"
                                + " it from the spec and rules in update mode (-Dcalcom.lock.update=true)"),
                e.getMessage());
        assertEquals("previous report", Files.readString(report), "nothing is written when an input is broken");
    }

    @Test
    void updateRepairsABrokenLockAndSaysThereWasNothingToCompare() throws Exception {
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "{\"formatVersion\": 1}");

        SurfaceCheckResult result = run(v1, true);

        assertEquals(Outcome.UPDATED, result.outcome());
        assertEquals(3, ToolSurface.read(lock).tools().size());
        assertEquals(1, result.warnings().size());
        assertTrue(
                result.warnings()
                        .get(0)
                        .contains("could not be read (missing \"tools\" (an array); missing"
                                + " \"operations\" (an array)); it is rewritten"),
                result.warnings().get(0));
        assertTrue(Files.readString(report).contains("could not be read"), Files.readString(report));
    }

    @Test
    void aLockWithTheSameSurfaceInAnotherLayoutPassesWithAWarning() throws Exception {
        run(v1, true);
        // Same content, hand-edited layout: everything on one line.
        Files.writeString(lock, ToolSurface.read(lock).toJson().replaceAll("\n\\s*", ""));

        SurfaceCheckResult result = run(v1, false);

        assertEquals(Outcome.UNCHANGED, result.outcome());
        assertEquals(1, result.warnings().size());
        assertTrue(
                result.warnings().get(0).contains("not in the form this plugin writes"),
                result.warnings().get(0));
    }

    @Test
    void aRuleNamingAnOperationTheSpecNoLongerHasFailsWithAHint() throws Exception {
        Files.writeString(rules, RULES + """
                  - match: {operation: deleteNote}
                    hints: {destructive: true}
                """);
        run(v1, true);

        CodegenException e = assertThrows(CodegenException.class, () -> run(v2, false));

        assertTrue(
                e.getMessage()
                        .contains("rules.yaml:11: the rule names operation deleteNote, which the spec does"
                                + " not have"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("fix: check the operationId in the spec, or delete the rule if the"
                                + " operation was removed"),
                e.getMessage());
    }
}

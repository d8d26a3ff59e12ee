package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.core.CodegenResult;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.model.ToolModel;
import io.calcommcp.toolapi.SearchSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules' {@code search:} section and {@code server.key-check}: they become the profile's search
 * sources and key check, and every mistake in them is reported at once, at its line, with a fix.
 */
class SearchRulesTest {

    static final Path NOTES = GoldenFilesTest.GOOD.resolve("notes");
    static final String SPEC = NOTES.resolve("openapi.yaml").toString();

    /** The notes rules without their search section: 18 lines, so a section after them starts at line 19. */
    static final String HEAD = """
            version: 1
            vendor: jot
            path-prefix: /v1
            server:
              records: /items
              key-check: get_jot_me
            paging:
              style: offset
              limit: take
              offset: skip
              has-more: /meta/more
              default-limit: 50
              max-limit: 100
            rules:
              - match: {operation: MeController_get}
                name: get_jot_me
              - match: {operation: NotesController_create}
                name: write_a_jot_note
            """;

    @TempDir
    Path temp;

    @Test
    void theSectionBecomesTheProfilesSearchSources() throws Exception {
        ToolModel model = new Codegen().model(SPEC, NOTES.resolve("rules.yaml"));
        assertEquals(Optional.of("get_jot_me"), model.profile().keyCheckTool());
        assertEquals(10, model.profile().search().maxResults());
        SearchSource notes = model.profile().search().source("note").orElseThrow();
        assertEquals("notes", notes.label());
        assertEquals("/items", notes.recordsPointer(), "the list's records default to server.records");
        assertEquals("/note", notes.recordPointer());
        assertEquals(List.of("/title", "/body", "/tags/*", "/author/name"), notes.textPointers());
        assertEquals(Map.of("created", "/createdAt", "author", "/author/email"), notes.metadataPointers());
        SearchSource folders = model.profile().search().source("folder").orElseThrow();
        assertEquals("folder", folders.label(), "the label defaults to the name");
        assertEquals(List.of("/name"), folders.textPointers(), "without text, the title");
        assertEquals(Optional.of("/updatedAt"), folders.newestFirstPointer());
    }

    @Test
    void withoutTheSectionThereIsNoSearchAndWithoutKeyCheckNoKeyCheck() throws Exception {
        ToolModel model = model(HEAD.replace("  key-check: get_jot_me\n", ""));
        assertTrue(model.profile().search().isEmpty());
        assertEquals(Optional.empty(), model.profile().keyCheckTool());
    }

    @Test
    void syntaxMistakesAreReportedTogetherAtTheirLines() throws Exception {
        CodegenException e = fail(HEAD + """
                search:
                  max-results: 0
                  sources:
                    - name: Note:s
                      list: list_all_jot_notes
                      get: get_single_jot_note_by_id
                      get-argument: noteId
                      id: id
                      title: /tags/*
                      text: [/title, /a~b]
                      url: "https://notes.example.com/n/"
                      colour: blue
                    - name: folder
                      list: list_all_jot_folders
                    - name: folder
                      list: list_all_jot_folders
                      get: get_single_jot_folder_by_id
                      get-argument: folderId
                      id: /id
                      title: /name
                      url: "https://notes.example.com/f/{id"
                """);
        List<String> rendered = e.errors().stream().map(this::relative).toList();
        assertEquals(
                List.of(
                        "rules.yaml:20: expected a whole number of at least 1, found 0",
                        "rules.yaml:30: unknown key 'colour' in search source",
                        "rules.yaml:22: search source name 'Note:s' must be lower-case letters, digits and _",
                        "rules.yaml:26: id 'id' is not a usable pointer: a JSON pointer starts with /",
                        "rules.yaml:27: title '/tags/*' is not a usable pointer: it names one value, so it cannot go"
                                + " through every item of an array (*)",
                        "rules.yaml:28: text '/a~b' is not a usable pointer: ~ must be written ~0, and / inside a"
                                + " name ~1",
                        "rules.yaml:29: url 'https://notes.example.com/n/' is not a usable template: it names no"
                                + " field of the record, so every record would get the same address; put one in"
                                + " braces, such as {id}",
                        "rules.yaml:31: the search source has no get",
                        "rules.yaml:31: the search source has no get-argument",
                        "rules.yaml:31: the search source has no id",
                        "rules.yaml:31: the search source has no title",
                        "rules.yaml:31: the search source has no url",
                        "rules.yaml:39: url 'https://notes.example.com/f/{id' is not a usable template: a { without"
                                + " its }"),
                rendered.stream().map(SearchRulesTest::firstLine).toList());
        assertTrue(rendered.get(1).contains("fix: allowed keys: ["), rendered.get(1));
        assertTrue(rendered.get(3).contains("e.g. /title"), rendered.get(3));
    }

    @Test
    void aSourceNameUsedTwiceIsAnError() throws Exception {
        String folder = """
                    - name: folder
                      list: list_all_jot_folders
                      get: get_single_jot_folder_by_id
                      get-argument: folderId
                      id: /id
                      title: /name
                      url: "https://notes.example.com/f/{id}"
                """;
        CodegenException e = fail(HEAD + "search:\n  sources:\n" + folder + folder);
        assertEquals(
                List.of("rules.yaml:28: search source name 'folder' is used twice (first at line 21)"),
                e.errors().stream()
                        .map(this::relative)
                        .map(SearchRulesTest::firstLine)
                        .toList());
        assertTrue(e.getMessage().contains("the prefix of its results' ids"), e.getMessage());
    }

    @Test
    void toolsThatDoNotFitAreErrorsWithADidYouMean() throws Exception {
        CodegenException e = fail(HEAD.replace("key-check: get_jot_me", "key-check: get_single_jot_note_by_id") + """
                search:
                  sources:
                    - name: note
                      list: list_all_jot_note
                      get: write_a_jot_note
                      get-argument: noteId
                      id: /id
                      title: /title
                      url: "https://notes.example.com/n/{id}"
                    - name: folder
                      list: list_all_jot_folders
                      list-arguments: {sort: desc}
                      get: get_single_jot_folder_by_id
                      get-argument: folder_id
                      id: /id
                      title: /name
                      url: "https://notes.example.com/f/{id}"
                    - name: dated
                      list: list_all_jot_notes
                      list-arguments: {sort: newest}
                      get: get_single_jot_note_by_id
                      get-argument: noteId
                      id: /id
                      title: /title
                      url: "https://notes.example.com/n/{id}"
                """);
        List<String> rendered = e.errors().stream().map(this::relative).toList();
        assertEquals(
                List.of(
                        "rules.yaml:22: search source note's list names list_all_jot_note, which is not one of the"
                                + " generated tools",
                        "rules.yaml:23: search source note's get names write_a_jot_note, which is not a read-only"
                                + " tool",
                        "rules.yaml:30: search source folder: list_all_jot_folders has no argument 'sort'",
                        "rules.yaml:32: search source folder: get_single_jot_folder_by_id has no argument"
                                + " 'folder_id'",
                        "rules.yaml:38: search source dated: list_all_jot_notes's argument sort takes one of [asc,"
                                + " desc], not 'newest'",
                        "rules.yaml:6: server.key-check names get_single_jot_note_by_id, which requires noteId; the"
                                + " key check calls it with no arguments"),
                rendered.stream().map(SearchRulesTest::firstLine).toList());
        assertTrue(rendered.get(0).contains("fix: did you mean list_all_jot_notes?"), rendered.get(0));
        assertTrue(rendered.get(3).contains("fix: did you mean folderId?"), rendered.get(3));
        assertTrue(rendered.get(2).contains("Its arguments: "), rendered.get(2));
    }

    @Test
    void aKeyCheckThatIsNoToolOrChangesDataIsAnError() throws Exception {
        CodegenException e = fail(HEAD.replace("key-check: get_jot_me", "key-check: get_jot_mee"));
        assertEquals(
                "rules.yaml:6: server.key-check names get_jot_mee, which is not one of the generated tools\n    fix: did"
                        + " you mean get_jot_me? Name an exposed tool, by its tool name (a tool the rules leave out"
                        + " does not exist)",
                relative(e.errors().get(0)));
        e = fail(HEAD.replace("key-check: get_jot_me", "key-check: write_a_jot_note"));
        assertTrue(
                relative(e.errors().get(0))
                        .startsWith("rules.yaml:6: server.key-check names write_a_jot_note, which is not a read-only"
                                + " tool"),
                e.getMessage());
    }

    @Test
    void aToolCalledSearchClashesWithTheServersOwn() throws Exception {
        CodegenException e = fail(HEAD.replace("name: write_a_jot_note", "name: fetch") + """
                search:
                  sources:
                    - name: folder
                      list: list_all_jot_folders
                      get: get_single_jot_folder_by_id
                      get-argument: folderId
                      id: /id
                      title: /name
                      url: "https://notes.example.com/f/{id}"
                """);
        assertEquals(1, e.errors().size(), e.getMessage());
        assertTrue(
                relative(e.errors().get(0))
                        .startsWith("rules.yaml:19: a generated tool is called fetch, the name of the server's own"
                                + " fetch tool"),
                e.getMessage());
    }

    @Test
    void pointersThatFindNothingInTheAnswersAreWarningsAtTheirLines() throws Exception {
        Path rules = write(HEAD + """
                search:
                  sources:
                    - name: note
                      list: list_all_jot_notes
                      records: /notes
                      get: get_single_jot_note_by_id
                      get-argument: noteId
                      record: /note
                      id: /id
                      title: /titel
                      text:
                        - /title
                        - /author/nmae
                      metadata: {created: /created}
                      url: "https://notes.example.com/n/{uid}"
                """);
        CodegenResult result =
                new Codegen().generate(new CodegenRequest(SPEC, rules, temp.resolve("out"), "com.example.jot", "test"));
        List<String> warnings = result.warnings().stream()
                .map(this::relative)
                .map(SearchRulesTest::firstLine)
                .toList();
        assertEquals(
                List.of(
                        "rules.yaml:23: search source note: the answers of list_all_jot_notes keep no list at"
                                + " '/notes', so searches would find nothing",
                        "rules.yaml:28: search source note: title /titel is not a field of the record"
                                + " get_single_jot_note_by_id answers",
                        "rules.yaml:31: search source note: text /author/nmae is not a field of the record"
                                + " get_single_jot_note_by_id answers",
                        "rules.yaml:32: search source note: metadata /created is not a field of the record"
                                + " get_single_jot_note_by_id answers",
                        "rules.yaml:33: search source note: url /uid is not a field of the record"
                                + " get_single_jot_note_by_id answers"),
                warnings);
        assertTrue(
                result.warnings().get(1).fix().contains("fields: id, title, body, tags, author, createdAt"),
                result.warnings().get(1).fix());
    }

    private ToolModel model(String rules) throws Exception {
        return new Codegen().model(SPEC, write(rules));
    }

    private CodegenException fail(String rules) throws Exception {
        Path file = write(rules);
        return assertThrows(
                CodegenException.class,
                () -> new Codegen()
                        .generate(new CodegenRequest(SPEC, file, temp.resolve("out"), "com.example.jot", "test")));
    }

    private Path write(String rules) throws Exception {
        Path file = temp.resolve("rules.yaml");
        Files.writeString(file, rules);
        return file;
    }

    /** The message without its fix, which the rendering puts on the next line. */
    private static String firstLine(String rendered) {
        return rendered.split("\n", 2)[0];
    }

    /** A problem as rendered, with the temporary folder left out so assertions read like the log. */
    private String relative(Diagnostic p) {
        return p.render().replace(temp + "/", "");
    }
}

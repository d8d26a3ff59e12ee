package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.rules.RulesChecker;
import io.calcommcp.codegen.rules.SearchRules;
import io.calcommcp.codegen.rules.SearchSourceRules;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.spec.SpecOperation;
import io.calcommcp.toolapi.SearchProfile;
import io.calcommcp.toolapi.SearchSource;
import io.calcommcp.toolapi.UrlTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The search profile, from the rules' {@code search:} section, checked against the generated
 * tools and the spec's answers. That a source's tools exist, only read, and can be called with
 * what search has (the fixed list arguments; the id) is required: errors. That its pointers find
 * something in the answer schemas is checked too, but a miss is a warning, since specs describe
 * answers less carefully than requests.
 */
final class SearchProfileBuilder {

    /** How many of a record's field names a hint lists. */
    private static final int HINT_FIELDS = 12;

    private final TaggingRules rules;
    private final AnswerSchemas answers;
    private final Diagnostics diagnostics;

    SearchProfileBuilder(TaggingRules rules, AnswerSchemas answers, Diagnostics diagnostics) {
        this.rules = rules;
        this.answers = answers;
        this.diagnostics = diagnostics;
    }

    /**
     * The profile, or {@link SearchProfile#none()} without a {@code search:} section or after an
     * error (reported into the diagnostics).
     *
     * @param operationByTool the operation each tool calls, for its answer's schema
     */
    SearchProfile build(List<ToolDescriptor> tools, Map<String, SpecOperation> operationByTool) {
        SearchRules search = rules.search();
        if (search.sources().isEmpty()) {
            return SearchProfile.none();
        }
        ToolReferences references = new ToolReferences(tools, diagnostics);
        int before = diagnostics.errorCount();
        for (String own : List.of(SearchProfile.SEARCH_TOOL, SearchProfile.FETCH_TOOL)) {
            if (references.has(own)) {
                diagnostics.error(
                        rules.at(search.line()),
                        "a generated tool is called " + own + ", the name of the server's own " + own
                                + " tool, which the search section adds",
                        "rename that tool with a rule's name:");
            }
        }
        SearchProfile.Builder profile = SearchProfile.builder();
        search.maxResults().ifPresent(profile::maxResults);
        for (SearchSourceRules source : search.sources()) {
            source(source, references, operationByTool).ifPresent(profile::source);
        }
        return diagnostics.errorCount() > before ? SearchProfile.none() : profile.build();
    }

    private Optional<SearchSource> source(
            SearchSourceRules s, ToolReferences references, Map<String, SpecOperation> operationByTool) {
        String role = "search source " + s.name();
        Optional<ToolDescriptor> list = references.readTool(s.list(), role + "'s list", rules.at(s.lineOf("list")));
        Optional<ToolDescriptor> get = references.readTool(s.get(), role + "'s get", rules.at(s.lineOf("get")));
        list.ifPresent(tool -> checkListArguments(s, tool));
        get.ifPresent(tool -> checkGetArgument(s, tool));
        if (list.isEmpty() || get.isEmpty()) {
            return Optional.empty();
        }
        String records = s.records().or(() -> rules.server().records()).orElse("");
        String record = s.record().or(() -> rules.server().records()).orElse("");
        checkListAnswer(s, list.get(), operationByTool.get(list.get().name()), records);
        checkGetAnswer(s, get.get(), operationByTool.get(get.get().name()), record);

        SearchSource.Builder built = SearchSource.builder(s.name())
                .list(s.list())
                .records(records)
                .get(s.get())
                .getArgument(s.getArgument())
                .record(record)
                .id(s.id())
                .title(s.title())
                .text(s.text().toArray(String[]::new))
                .url(s.url());
        s.label().ifPresent(built::label);
        s.listArguments().forEach(built::listArgument);
        s.metadata().forEach(built::metadata);
        s.newestFirst().ifPresent(built::newestFirst);
        return Optional.of(built.build());
    }

    /** Each fixed argument is one of the list tool's, with an allowed value; nothing else is required. */
    private void checkListArguments(SearchSourceRules s, ToolDescriptor list) {
        Location where = rules.at(s.lineOf("list-arguments"));
        s.listArguments().forEach((name, value) -> {
            Optional<ArgumentDescriptor> argument = ToolReferences.argument(list, name);
            if (argument.isEmpty()) {
                diagnostics.error(
                        where,
                        "search source " + s.name() + ": " + list.name() + " has no argument '" + name + "'",
                        RulesChecker.closest(name, ToolReferences.argumentNames(list))
                                        .map(c -> "did you mean " + c + "? ")
                                        .orElse("")
                                + "Its arguments: " + String.join(", ", ToolReferences.argumentNames(list)));
                return;
            }
            List<String> allowed = new ArrayList<>();
            argument.get().schema().path("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.isEmpty() && !allowed.contains(value)) {
                diagnostics.error(
                        where,
                        "search source " + s.name() + ": " + list.name() + "'s argument " + name + " takes one of "
                                + allowed + ", not '" + value + "'",
                        "give one of the values the spec allows");
            }
        });
        List<String> missing = new ArrayList<>(ToolReferences.requiredArguments(list));
        missing.removeAll(s.listArguments().keySet());
        if (!missing.isEmpty()) {
            diagnostics.error(
                    rules.at(s.lineOf("list")),
                    "search source " + s.name() + ": " + list.name() + " requires " + String.join(", ", missing)
                            + ", which a search cannot give",
                    "give fixed values in list-arguments, or name a list tool that needs no arguments");
        }
    }

    /** The get tool takes the id in {@code get-argument} and needs nothing else. */
    private void checkGetArgument(SearchSourceRules s, ToolDescriptor get) {
        if (ToolReferences.argument(get, s.getArgument()).isEmpty()) {
            diagnostics.error(
                    rules.at(s.lineOf("get-argument")),
                    "search source " + s.name() + ": " + get.name() + " has no argument '" + s.getArgument() + "'",
                    RulesChecker.closest(s.getArgument(), ToolReferences.argumentNames(get))
                                    .map(c -> "did you mean " + c + "? ")
                                    .orElse("")
                            + "Name the argument that takes the record's id; its arguments: "
                            + String.join(", ", ToolReferences.argumentNames(get)));
            return;
        }
        List<String> others = new ArrayList<>(ToolReferences.requiredArguments(get));
        others.remove(s.getArgument());
        if (!others.isEmpty()) {
            diagnostics.error(
                    rules.at(s.lineOf("get")),
                    "search source " + s.name() + ": " + get.name() + " also requires " + String.join(", ", others)
                            + ", which fetch cannot give: it has only the id",
                    "name a get tool that needs only the record's id");
        }
    }

    private void checkListAnswer(SearchSourceRules s, ToolDescriptor list, SpecOperation op, String records) {
        ObjectNode answer = answers.success(op);
        if (AnswerSchemas.isOpen(answer)) {
            return;
        }
        if (!AnswerSchemas.typesAt(answer, records).contains("array")) {
            diagnostics.warning(
                    rules.at(s.lineOf(s.records().isPresent() ? "records" : "list")),
                    "search source " + s.name() + ": the answers of " + list.name() + " keep no list at '" + records
                            + "', so searches would find nothing",
                    "give the source records: with a pointer to the list in the answer");
            return;
        }
        checkFields(s, "the records of " + list.name(), AnswerSchemas.schemasAt(answer, records + "/*"));
    }

    private void checkGetAnswer(SearchSourceRules s, ToolDescriptor get, SpecOperation op, String record) {
        ObjectNode answer = answers.success(op);
        if (AnswerSchemas.isOpen(answer)) {
            return;
        }
        List<JsonNode> schemas = AnswerSchemas.recordSchemasAt(answer, record);
        if (schemas.isEmpty()) {
            diagnostics.warning(
                    rules.at(s.lineOf(s.record().isPresent() ? "record" : "get")),
                    "search source " + s.name() + ": the answers of " + get.name() + " have nothing at '" + record
                            + "', so fetch would find no record",
                    "give the source record: with a pointer to the record in the answer");
            return;
        }
        checkFields(s, "the record " + get.name() + " answers", schemas);
    }

    /** Warns about each pointer of the source that finds nothing in any of the record's schemas. */
    private void checkFields(SearchSourceRules s, String whose, List<JsonNode> recordSchemas) {
        if (recordSchemas.isEmpty() || recordSchemas.stream().allMatch(AnswerSchemas::isOpen)) {
            return;
        }
        Map<String, List<String>> pointers = new LinkedHashMap<>();
        pointers.computeIfAbsent("id", k -> new ArrayList<>()).add(s.id());
        pointers.computeIfAbsent("title", k -> new ArrayList<>()).add(s.title());
        s.text()
                .forEach(p ->
                        pointers.computeIfAbsent("text", k -> new ArrayList<>()).add(p));
        s.metadata()
                .values()
                .forEach(p -> pointers.computeIfAbsent("metadata", k -> new ArrayList<>())
                        .add(p));
        s.newestFirst()
                .ifPresent(p -> pointers.computeIfAbsent("newest-first", k -> new ArrayList<>())
                        .add(p));
        pointers.computeIfAbsent("url", k -> new ArrayList<>()).addAll(new UrlTemplate(s.url()).fields());
        Set<String> names = AnswerSchemas.propertyNames(recordSchemas);
        String hint = "check the pointer against the answer's schema; its records' fields: "
                + String.join(", ", names.stream().limit(HINT_FIELDS).toList())
                + (names.size() > HINT_FIELDS ? ", ..." : "");
        pointers.forEach((key, list) -> {
            for (String pointer : list) {
                boolean found = recordSchemas.stream()
                        .anyMatch(schema ->
                                !AnswerSchemas.schemasAt(schema, pointer).isEmpty());
                if (!found) {
                    diagnostics.warning(
                            rules.at(s.lineOf(key, pointer)),
                            "search source " + s.name() + ": " + key + " " + pointer + " is not a field of " + whose,
                            hint);
                }
            }
        });
    }
}

package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.rules.AdvertisedRules;
import io.calcommcp.codegen.rules.RulesChecker;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.spec.DescriptionCleaner;
import io.calcommcp.codegen.spec.LoadedSpec;
import io.calcommcp.codegen.spec.OperationProblem;
import io.calcommcp.codegen.spec.SchemaConverter;
import io.calcommcp.codegen.spec.SpecJson;
import io.calcommcp.codegen.spec.SpecOperation;
import io.calcommcp.codegen.spec.SpecOperations;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Hint;
import io.calcommcp.toolapi.MetaTools;
import io.calcommcp.toolapi.SearchProfile;
import io.calcommcp.toolapi.ToolHints;
import io.calcommcp.toolapi.VendorProfile;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Applies the tagging rules to the spec's operations and builds the tool model: which
 * operations become tools, their names, flat input schemas, routes and annotations, what decided
 * each exposure, and the profile of the API. Every error found is collected and thrown at the end
 * in one {@link CodegenException}.
 */
public final class ToolModelBuilder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The start of the exclusion reason of operations whose tag is not exposed; the tag follows. */
    public static final String NOT_IN_EXPOSE_TAGS = "spec tag not in expose-tags: ";

    /** How the exclusion reason of an operation whose body a tool cannot send begins. */
    public static final String UNSENDABLE_BODY = BodySupport.PREFIX;

    /** How the exclusion reason of an operation whose definition a tool cannot send as written begins. */
    public static final String UNREPRESENTABLE = "the spec does not define its request so that a tool can send it: ";

    /** The exclusion reason of deprecated operations when the rules expose every operation. */
    public static final String DEPRECATED = "deprecated in the spec (a rule with expose: true exposes it anyway)";

    /**
     * What {@code tools/list} shows when the rules say nothing: short enough that a surface of a
     * hundred tools stays affordable, long enough to choose and call each one.
     */
    static final AdvertisedRules DEFAULT_ADVERTISED =
            new AdvertisedRules(0, Optional.of(300), Optional.of(100), Optional.of(600), Optional.of(1500));

    private Diagnostics diagnostics = new Diagnostics();
    private String specName = "";
    private Map<String, SpecOperation> operationByTool = new LinkedHashMap<>();

    /**
     * Builds the model, or throws with every error found.
     *
     * @param instructions the text of the instructions file the rules name, or empty
     */
    public ToolModel build(LoadedSpec spec, TaggingRules rules, String instructions) throws CodegenException {
        diagnostics = new Diagnostics();
        specName = spec.displayName();
        OpenAPI api = spec.openApi();
        List<SpecOperation> operations = SpecOperations.of(spec, diagnostics);
        new RulesChecker().check(rules, operations, diagnostics);

        Map<String, JsonNode> components = componentSchemas(api);
        ArgumentFlattener flattener = new ArgumentFlattener(
                rules,
                api,
                specName,
                new SchemaConverter(components, ValueKinds.finisher(rules.constFromDescription())),
                diagnostics);
        AnswerSchemas answers = new AnswerSchemas(api, new SchemaConverter(components, SchemaConverter.AS_IS));
        PagingPlanner planner = new PagingPlanner(rules, answers, specName, diagnostics);
        List<ToolDescriptor> tools = new ArrayList<>();
        List<Exposure> exposures = new ArrayList<>();
        operationByTool = new LinkedHashMap<>();
        for (SpecOperation op : operations) {
            OperationSettings settings = OperationSettings.of(op, rules);
            if (!settings.expose) {
                exposures.add(new Exposure(
                        op.operationId(),
                        Optional.empty(),
                        Optional.of(settings.reason),
                        settings.exposeDecidedBy,
                        settings.exposeByRule));
                continue;
            }
            Optional<String> unrepresentable = checkDefinition(op, settings);
            if (unrepresentable.isPresent()) {
                exposures.add(new Exposure(
                        op.operationId(),
                        Optional.empty(),
                        unrepresentable,
                        settings.exposeDecidedBy,
                        settings.exposeByRule));
                continue;
            }
            Optional<String> unsendable = BodySupport.problem(op.requestBody());
            if (unsendable.isPresent()) {
                diagnostics.warning(
                        op.location(specName),
                        "operation " + op.operationId() + " is not exposed: " + unsendable.get(),
                        "nothing to do unless the API also accepts JSON here: then add application/json to the spec");
                exposures.add(new Exposure(
                        op.operationId(),
                        Optional.empty(),
                        unsendable,
                        settings.exposeDecidedBy,
                        settings.exposeByRule));
                continue;
            }
            ToolDescriptor tool = describe(op, settings, rules, flattener, planner);
            if (tool == null) {
                continue;
            }
            SpecOperation clash = operationByTool.putIfAbsent(tool.name(), op);
            if (clash != null) {
                diagnostics.error(
                        settings.nameLine > 0 ? rules.at(settings.nameLine) : rules.file(),
                        "operations " + clash.operationId() + " and " + op.operationId() + " both become tool "
                                + tool.name(),
                        "give one of them a distinct name with a rule, e.g. - match: {operation: " + op.operationId()
                                + "} / name: <another_name>");
                continue;
            }
            tools.add(tool);
            exposures.add(new Exposure(
                    op.operationId(),
                    Optional.of(tool.name()),
                    Optional.empty(),
                    settings.exposeDecidedBy,
                    settings.exposeByRule));
        }
        SearchProfile search = new SearchProfileBuilder(rules, answers, diagnostics).build(tools, operationByTool);
        VendorProfile profile = new ProfileBuilder(rules, api, diagnostics).build(instructions, tools, search);
        diagnostics.throwIfErrors();
        return new ToolModel(tools, exposures, profile, diagnostics.warnings());
    }

    /**
     * Reports the problems of an operation's definition, and says why it is not exposed when one of
     * them costs the whole operation. An operation a rule names by its operationId is one a reviewer
     * expects as a tool: leaving it out would mislead, so there its problems are errors. Any other
     * operation is left out with a warning per problem; a parameter that only an optional argument
     * needed is left out of the tool with a warning.
     */
    private Optional<String> checkDefinition(SpecOperation op, OperationSettings settings) {
        List<OperationProblem> problems = op.problems();
        boolean operationLost =
                problems.stream().anyMatch(p -> p.impact() == OperationProblem.Impact.OPERATION_LEFT_OUT);
        for (OperationProblem problem : problems) {
            Location where = problem.location(specName);
            if (problem.impact() != OperationProblem.Impact.OPERATION_LEFT_OUT) {
                diagnostics.warning(where, "operation " + op.operationId() + ": " + problem.message(), problem.fix());
            } else if (settings.namedBy.isPresent()) {
                diagnostics.error(
                        where,
                        "operation " + op.operationId() + ": " + problem.message(),
                        problem.fix() + " (" + settings.namedBy.get() + " names this operation, so it is not left"
                                + " out; remove that rule to build without it)");
            } else {
                diagnostics.warning(
                        where,
                        "operation " + op.operationId() + " is not exposed: " + problem.message(),
                        problem.fix());
            }
        }
        if (!operationLost) {
            return Optional.empty();
        }
        return problems.stream()
                .filter(p -> p.impact() == OperationProblem.Impact.OPERATION_LEFT_OUT)
                .findFirst()
                .map(p -> UNREPRESENTABLE + p.message() + " (at " + p.pointer() + ")");
    }

    /**
     * A derived name made fit: shortened past 64 characters, and given a number when an earlier
     * operation took it. Both depend only on the spec, so every run gives the same names; both
     * are reported, since a rule's {@code name:} says it better.
     */
    private String conventionName(String derived, SpecOperation op, Location where) {
        String name = ToolNamer.fit(derived);
        if (!name.equals(derived)) {
            diagnostics.warning(
                    where,
                    "the name " + derived + " of operation " + op.operationId() + " has " + derived.length()
                            + " characters; it is shortened to " + name,
                    "give it a shorter name with a rule: - match: {operation: " + op.operationId() + "} / name: ...");
        }
        if (!operationByTool.containsKey(name)) {
            return name;
        }
        String first = operationByTool.get(name).operationId();
        String numbered = name;
        for (int n = 2; operationByTool.containsKey(numbered); n++) {
            numbered = ToolNamer.fit(derived + "_" + n);
        }
        diagnostics.warning(
                where,
                "operations " + first + " and " + op.operationId() + " both become tool " + name + "; the second is "
                        + numbered,
                "give one of them a distinct name with a rule: - match: {operation: " + op.operationId()
                        + "} / name: ...");
        return numbered;
    }

    private static Map<String, JsonNode> componentSchemas(OpenAPI api) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Components components = api.getComponents();
        if (components != null && components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> out.put(name, SpecJson.tree(api, schema)));
        }
        return out;
    }

    private ToolDescriptor describe(
            SpecOperation op,
            OperationSettings s,
            TaggingRules rules,
            ArgumentFlattener flattener,
            PagingPlanner planner) {
        ToolNamer.Derived derived = ToolNamer.derive(op.method(), op.path(), rules.pathPrefix());
        String verb = s.verb != null ? s.verb : derived.verb();
        String resource = s.resource != null ? s.resource : derived.resource();
        String collection = s.resource != null ? ToolNamer.pluralize(s.resource) : derived.collection();
        String name =
                s.name != null ? s.name : ToolNamer.name(rules.vendor(), verb, resource, collection, derived.byId());
        Location where = s.nameLine > 0 ? rules.at(s.nameLine) : op.location(specName);
        if (s.name == null) {
            name = conventionName(name, op, where);
        }
        if (!ToolNamer.VALID_NAME.matcher(name).matches()) {
            diagnostics.error(
                    where,
                    "tool name '" + name + "' is invalid: names must match ^[a-z0-9_]{1,64}$"
                            + (name.length() > ToolNamer.MAX_NAME_LENGTH
                                    ? " (it has " + name.length() + " characters)"
                                    : ""),
                    "give operation " + op.operationId()
                            + " a snake_case name of at most 64 characters with a rule's name:");
            return null;
        }

        SortedMap<String, String> constantHeaders = new TreeMap<>();
        ArgumentFlattener.Flattened args = flattener.flatten(op, s, constantHeaders);
        constantHeaders.putAll(s.headers);
        List<ArgumentDescriptor> flat = args.arguments();
        for (Map.Entry<String, Integer> ruled : s.argumentLines.entrySet()) {
            if (flat.stream().noneMatch(a -> a.name().equals(ruled.getKey()))) {
                diagnostics.error(
                        rules.at(ruled.getValue()),
                        "operation " + op.operationId() + " has no argument '" + ruled.getKey() + "'",
                        "its arguments are "
                                + flat.stream().map(ArgumentDescriptor::name).toList());
            }
        }
        PagingPlanner.Plan paging = planner.plan(op, s, flat);
        List<ArgumentDescriptor> arguments = paging.arguments();

        Access access = s.access != null
                ? Access.valueOf(s.access.toUpperCase(Locale.ROOT))
                : (verb.equals("list") || verb.equals("get") || op.method().equals("GET")) ? Access.READ : Access.WRITE;
        ToolHints hints = hints(access, verb, s.hints);
        List<String> tags = s.tags != null ? s.tags : List.of(defaultTag(op));
        ObjectNode schema = inputSchema(arguments);
        String summary = DescriptionCleaner.clean(op.operation().getSummary());
        String title = s.title != null ? s.title : summary.isEmpty() ? name : summary;
        String description = s.description != null
                ? DescriptionCleaner.clean(s.description, DescriptionCleaner.MAX_LENGTH)
                : toolDescription(
                        summary,
                        dropped(op.operation().getDescription(), rules.dropFromDescriptions()),
                        args.bodyVariantsNote());
        return new ToolDescriptor(
                name,
                title,
                description,
                op.operationId(),
                op.specTags().isEmpty() ? "(untagged)" : op.specTags().get(0),
                op.method(),
                op.path(),
                verb,
                access,
                tags,
                hints,
                constantHeaders,
                arguments,
                schema,
                paging.paging(),
                advertise(name, title, description, schema, hints, s, rules, where),
                args.sendsForm());
    }

    /**
     * The tool as {@code tools/list} shows it, and a warning when it costs more tokens than its
     * budget.
     */
    private ToolDescriptor.Advertised advertise(
            String name,
            String title,
            String description,
            ObjectNode schema,
            ToolHints hints,
            OperationSettings s,
            TaggingRules rules,
            Location where) {
        AdvertisedRules a = s.advertised.over(DEFAULT_ADVERTISED);
        SchemaCompactor.Budget budget = new SchemaCompactor.Budget(
                a.toolDescription().orElseThrow(),
                a.argumentDescription().orElseThrow(),
                a.argumentBytes().orElseThrow());
        SchemaCompactor.Compacted compact = SchemaCompactor.compact(schema, budget);
        // A description the rules wrote was written for the model: it is shown as written.
        String shown = s.description != null
                ? description
                : SchemaCompactor.description(description, budget.toolDescription());
        for (String note : compact.notes()) {
            shown = shown + " " + note;
        }
        if (compact.summarized()) {
            shown = shown + " Full shapes: " + MetaTools.schema(rules.vendor()) + ".";
        }
        int tokens = TokenCounter.count(AdvertisedJson.of(name, title, shown, compact.schema(), hints));
        int budgetTokens = a.toolTokens().orElseThrow();
        if (tokens > budgetTokens) {
            diagnostics.warning(
                    where,
                    "tool " + name + " costs " + tokens + " tokens in tools/list, over the budget of " + budgetTokens,
                    "shorten it with a rule's advertised: {argument-bytes: ..., argument-description: ...}, or raise"
                            + " its tool-tokens");
        }
        return new ToolDescriptor.Advertised(shown, compact.schema(), tokens);
    }

    private static ObjectNode inputSchema(List<ArgumentDescriptor> arguments) {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (ArgumentDescriptor a : arguments) {
            properties.set(a.name(), a.schema());
            if (a.required()) {
                required.add(a.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        // Unknown arguments are mistakes (a misspelt name would otherwise be dropped silently).
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * Read tools are read-only; writes are destructive unless they create; reads, updates and
     * deletes are idempotent; every tool reaches an outside API. A rule's {@code hints:} overrides
     * any of them.
     */
    private static ToolHints hints(Access access, String verb, Map<String, Boolean> overrides) {
        boolean readOnly = access == Access.READ;
        boolean destructive = !readOnly && !verb.equals("create");
        boolean idempotent = readOnly || verb.equals("update") || verb.equals("delete");
        List<Hint> set = new ArrayList<>();
        if (overrides.getOrDefault("readOnly", readOnly)) {
            set.add(Hint.READ_ONLY);
        }
        if (overrides.getOrDefault("destructive", destructive)) {
            set.add(Hint.DESTRUCTIVE);
        }
        if (overrides.getOrDefault("idempotent", idempotent)) {
            set.add(Hint.IDEMPOTENT);
        }
        if (overrides.getOrDefault("openWorld", true)) {
            set.add(Hint.OPEN_WORLD);
        }
        return ToolHints.of(set.toArray(Hint[]::new));
    }

    /** {@code "Bookings / Attendees"} -> {@code bookings}. */
    private static String defaultTag(SpecOperation op) {
        if (op.specTags().isEmpty()) {
            return "untagged";
        }
        String first = op.specTags().get(0).split("/")[0].trim();
        return first.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** The spec's prose without the passages the rules' {@code drop-from-descriptions} name. */
    private static String dropped(String description, List<Pattern> patterns) {
        if (description == null) {
            return null;
        }
        String out = description;
        for (Pattern pattern : patterns) {
            out = pattern.matcher(out).replaceAll(" ");
        }
        return out;
    }

    private static String toolDescription(String summary, String description, String variantsNote) {
        String lead = summary.isEmpty() || summary.endsWith(".") ? summary : summary + ".";
        String details = DescriptionCleaner.clean(description);
        if (details.equalsIgnoreCase(summary) || details.equalsIgnoreCase(lead)) {
            details = "";
        }
        String text = (lead + " " + details).trim();
        int room = DescriptionCleaner.MAX_LENGTH - variantsNote.length() - 1;
        text = DescriptionCleaner.clean(text, Math.max(200, room));
        return (text + " " + variantsNote).trim();
    }
}

package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.core.CodegenException;
import io.calcommcp.codegen.core.Problem;
import io.calcommcp.codegen.rules.RulesChecker;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.spec.LoadedSpec;
import io.calcommcp.codegen.spec.SchemaConverter;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Applies the tagging rules to the spec's operations and builds the tool model: which
 * operations become tools, their names, flat input schemas, routes and annotations. Every
 * problem found is collected and thrown at the end in one {@link CodegenException}.
 */
public final class ToolModelBuilder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<PathItem.HttpMethod> METHOD_ORDER = List.of(
            PathItem.HttpMethod.GET,
            PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH,
            PathItem.HttpMethod.DELETE,
            PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.OPTIONS);

    /** The start of the exclusion reason of operations whose tag is not exposed; the tag follows. */
    public static final String NOT_IN_EXPOSE_TAGS = "spec tag not in expose-tags: ";

    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Builds the model, or throws with every problem found. */
    public ToolModel build(LoadedSpec spec, TaggingRules rules) throws CodegenException {
        problems.clear();
        warnings.clear();
        OpenAPI api = spec.openApi();
        List<OperationRef> operations = operations(api);
        RulesChecker.Findings findings = new RulesChecker().check(rules, operations);
        problems.addAll(findings.errors());
        warnings.addAll(findings.warnings());

        ArgumentFlattener flattener =
                new ArgumentFlattener(rules, api, new SchemaConverter(componentSchemas(api)), warnings);
        List<ToolDescriptor> tools = new ArrayList<>();
        SortedMap<String, String> excluded = new TreeMap<>();
        Map<String, OperationRef> operationByTool = new LinkedHashMap<>();
        for (OperationRef op : operations) {
            OperationSettings settings = OperationSettings.of(op, rules);
            if (!settings.expose) {
                excluded.put(op.operationId(), settings.reason);
                continue;
            }
            ToolDescriptor tool = describe(op, settings, rules, flattener);
            if (tool == null) {
                continue;
            }
            OperationRef clash = operationByTool.putIfAbsent(tool.name(), op);
            if (clash != null) {
                problems.add(new Problem(
                        settings.nameLine > 0 ? rules.at(settings.nameLine) : rules.location(),
                        "operations " + clash.operationId() + " and " + op.operationId() + " both become tool "
                                + tool.name(),
                        "give one of them a distinct name with a rule, e.g. - match: {operation: " + op.operationId()
                                + "} / name: <another_name>"));
                continue;
            }
            tools.add(tool);
        }
        if (!problems.isEmpty()) {
            throw new CodegenException(problems);
        }
        tools.sort(Comparator.comparing(ToolDescriptor::name));
        return new ToolModel(tools, excluded, warnings);
    }

    /** Every operation of the spec, in a stable order (path, then method). */
    public static List<OperationRef> operations(OpenAPI api) {
        List<OperationRef> out = new ArrayList<>();
        new TreeMap<>(api.getPaths()).forEach((path, item) -> {
            Map<PathItem.HttpMethod, Operation> byMethod = item.readOperationsMap();
            for (PathItem.HttpMethod method : METHOD_ORDER) {
                Operation operation = byMethod.get(method);
                if (operation == null) {
                    continue;
                }
                String verb = method.name();
                String id = operation.getOperationId() != null ? operation.getOperationId() : verb + " " + path;
                List<String> tags = operation.getTags() == null ? List.of() : operation.getTags();
                Operation merged = withPathParameters(operation, item);
                out.add(new OperationRef(id, verb, path, tags, merged));
            }
        });
        return out;
    }

    private static Operation withPathParameters(Operation operation, PathItem item) {
        if (item.getParameters() == null || item.getParameters().isEmpty()) {
            return operation;
        }
        // Path-level parameters apply to every operation unless the operation redefines them.
        List<Parameter> merged =
                new ArrayList<>(operation.getParameters() == null ? List.of() : operation.getParameters());
        for (Parameter shared : item.getParameters()) {
            boolean redefined = merged.stream()
                    .anyMatch(p -> p.getName() != null
                            && p.getName().equals(shared.getName())
                            && String.valueOf(p.getIn()).equals(String.valueOf(shared.getIn())));
            if (!redefined) {
                merged.add(shared);
            }
        }
        return new Operation()
                .operationId(operation.getOperationId())
                .summary(operation.getSummary())
                .description(operation.getDescription())
                .tags(operation.getTags())
                .parameters(merged)
                .requestBody(operation.getRequestBody());
    }

    private static Map<String, JsonNode> componentSchemas(OpenAPI api) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Components components = api.getComponents();
        if (components != null && components.getSchemas() != null) {
            components
                    .getSchemas()
                    .forEach((name, schema) -> out.put(name, Json.mapper().valueToTree(schema)));
        }
        return out;
    }

    private ToolDescriptor describe(
            OperationRef op, OperationSettings s, TaggingRules rules, ArgumentFlattener flattener) {
        ToolNamer.Derived derived = ToolNamer.derive(op.method(), op.path(), rules.pathPrefix());
        String verb = s.verb != null ? s.verb : derived.verb();
        String resource = s.resource != null ? s.resource : derived.resource();
        String collection = s.resource != null ? ToolNamer.pluralize(s.resource) : derived.collection();
        String name =
                s.name != null ? s.name : ToolNamer.name(rules.vendor(), verb, resource, collection, derived.byId());
        String where = s.nameLine > 0 ? rules.at(s.nameLine) : op.specLocation() + " (" + op.operationId() + ")";
        if (!ToolNamer.VALID_NAME.matcher(name).matches()) {
            problems.add(new Problem(
                    where,
                    "tool name '" + name + "' is invalid: names must match ^[a-z0-9_]{1,64}$"
                            + (name.length() > ToolNamer.MAX_NAME_LENGTH
                                    ? " (it has " + name.length() + " characters)"
                                    : ""),
                    "give operation " + op.operationId()
                            + " a snake_case name of at most 64 characters with a rule's name:"));
            return null;
        }

        SortedMap<String, String> constantHeaders = new TreeMap<>();
        ArgumentFlattener.Flattened args = flattener.flatten(op, s, constantHeaders);
        constantHeaders.putAll(s.headers);
        List<ArgumentDescriptor> arguments = args.arguments();
        for (Map.Entry<String, Integer> ruled : s.argumentLines.entrySet()) {
            if (arguments.stream().noneMatch(a -> a.name().equals(ruled.getKey()))) {
                problems.add(new Problem(
                        rules.at(ruled.getValue()),
                        "operation " + op.operationId() + " has no argument '" + ruled.getKey() + "'",
                        "its arguments are "
                                + arguments.stream()
                                        .map(ArgumentDescriptor::name)
                                        .toList()));
            }
        }

        ToolDescriptor.Access access = s.access != null
                ? ToolDescriptor.Access.valueOf(s.access.toUpperCase(Locale.ROOT))
                : (verb.equals("list") || verb.equals("get") || op.method().equals("GET"))
                        ? ToolDescriptor.Access.READ
                        : ToolDescriptor.Access.WRITE;
        ToolHints hints = hints(access, verb, s.hints);
        List<String> tags = s.tags != null ? s.tags : List.of(defaultTag(op));
        String summary = DescriptionCleaner.clean(op.operation().getSummary());
        String title = s.title != null ? s.title : summary.isEmpty() ? name : summary;
        String description = s.description != null
                ? DescriptionCleaner.clean(s.description, DescriptionCleaner.MAX_LENGTH)
                : toolDescription(summary, op.operation().getDescription(), args.bodyVariantsNote());
        return new ToolDescriptor(
                name,
                title,
                description,
                op.operationId(),
                op.specTags().isEmpty() ? "(untagged)" : op.specTags().get(0),
                op.method(),
                op.path(),
                access,
                tags,
                hints,
                constantHeaders,
                arguments,
                inputSchema(arguments));
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

    private static ToolHints hints(ToolDescriptor.Access access, String verb, Map<String, Boolean> overrides) {
        boolean readOnly = access == ToolDescriptor.Access.READ;
        boolean destructive = !readOnly && !verb.equals("create");
        boolean idempotent = readOnly || verb.equals("update") || verb.equals("delete");
        return new ToolHints(
                overrides.getOrDefault("readOnly", readOnly),
                overrides.getOrDefault("destructive", destructive),
                overrides.getOrDefault("idempotent", idempotent),
                overrides.getOrDefault("openWorld", true));
    }

    /** {@code "Bookings / Attendees"} -> {@code bookings}. */
    private static String defaultTag(OperationRef op) {
        if (op.specTags().isEmpty()) {
            return "untagged";
        }
        String first = op.specTags().get(0).split("/")[0].trim();
        return first.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
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

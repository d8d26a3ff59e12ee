package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.core.CodegenException;
import io.calcommcp.codegen.core.Problem;
import io.calcommcp.codegen.rules.Rule;
import io.calcommcp.codegen.rules.RulesChecker;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.spec.LoadedSpec;
import io.calcommcp.codegen.spec.SchemaConverter;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

        SchemaConverter converter = new SchemaConverter(componentSchemas(api));
        List<ToolDescriptor> tools = new ArrayList<>();
        SortedMap<String, String> excluded = new TreeMap<>();
        Map<String, OperationRef> operationByTool = new LinkedHashMap<>();
        for (OperationRef op : operations) {
            Settings settings = settingsFor(op, rules);
            if (!settings.expose) {
                excluded.put(op.operationId(), settings.reason);
                continue;
            }
            ToolDescriptor tool = describe(op, settings, rules, api, converter);
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

    /** The settings for one operation: defaults, then every matching rule in file order. */
    private static Settings settingsFor(OperationRef op, TaggingRules rules) {
        Settings s = new Settings();
        s.expose =
                op.specTags().stream().anyMatch(t -> rules.exposeTags().stream().anyMatch(g -> g.matches(t)));
        s.reason = op.specTags().isEmpty()
                ? "the operation has no spec tag, and no rule exposes it"
                : NOT_IN_EXPOSE_TAGS + op.specTags().get(0);
        for (Rule rule : rules.rules()) {
            if (!rule.match().matches(op)) {
                continue;
            }
            s.lines.add(rule.line());
            rule.expose().ifPresent(e -> s.expose = e);
            rule.reason().ifPresent(r -> s.reason = r);
            rule.name().ifPresent(n -> {
                s.name = n;
                s.nameLine = rule.line();
            });
            rule.resource().ifPresent(r -> s.resource = r);
            rule.verb().ifPresent(v -> s.verb = v);
            rule.access().ifPresent(a -> s.access = a);
            rule.tags().ifPresent(t -> s.tags = t);
            rule.title().ifPresent(t -> s.title = t);
            rule.description().ifPresent(d -> s.description = d);
            s.hints.putAll(rule.hints());
            s.headers.putAll(rule.headers());
            rule.arguments().forEach((arg, kind) -> {
                s.arguments.put(arg, kind);
                s.argumentLines.put(arg, rule.line());
            });
        }
        return s;
    }

    private ToolDescriptor describe(
            OperationRef op, Settings s, TaggingRules rules, OpenAPI api, SchemaConverter converter) {
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
        Arguments args = arguments(op, s, rules, api, converter, constantHeaders);
        constantHeaders.putAll(s.headers);
        List<ArgumentDescriptor> arguments = args.list();
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

    /** The flat arguments, and a note describing body variants when the body had several. */
    private record Arguments(List<ArgumentDescriptor> list, String bodyVariantsNote) {}

    /** A request body schema, and the note describing its variants if they were merged. */
    private record Body(ObjectNode schema, String variantsNote) {}

    private Arguments arguments(
            OperationRef op,
            Settings s,
            TaggingRules rules,
            OpenAPI api,
            SchemaConverter converter,
            SortedMap<String, String> constantHeaders) {
        List<ArgumentDescriptor> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<Parameter> parameters = new ArrayList<>();
        if (op.operation().getParameters() != null) {
            for (Parameter p : op.operation().getParameters()) {
                parameters.add(resolve(p, api));
            }
        }
        for (String in : List.of("path", "query", "header", "cookie")) {
            for (Parameter p : parameters) {
                if (!in.equals(p.getIn())) {
                    continue;
                }
                if (in.equals("cookie")) {
                    warnings.add(op.specLocation() + ": cookie parameter '" + p.getName()
                            + "' is not supported and is left out");
                    continue;
                }
                if (in.equals("header") && rules.isServerHeader(p.getName())) {
                    if (rules.isConstantHeader(p.getName())) {
                        Object value =
                                p.getSchema() == null ? null : p.getSchema().getDefault();
                        if (value != null) {
                            constantHeaders.put(p.getName(), String.valueOf(value));
                        } else if (!s.headers.containsKey(p.getName()) && Boolean.TRUE.equals(p.getRequired())) {
                            warnings.add(op.specLocation() + " (" + op.operationId() + "): required header "
                                    + p.getName() + " has no default in the spec, so it is not sent; give its value"
                                    + " with a rule: headers: {" + p.getName() + ": ...}");
                        }
                    }
                    continue;
                }
                ObjectNode schema = converter.convert(
                        p.getSchema() == null ? null : Json.mapper().valueToTree(p.getSchema()));
                String paramDescription = DescriptionCleaner.clean(p.getDescription());
                if (!paramDescription.isEmpty()) {
                    schema.put("description", paramDescription);
                }
                if (p.getExample() != null && !schema.has("examples")) {
                    schema.set("examples", JSON.arrayNode().add(Json.mapper().valueToTree(p.getExample())));
                }
                if (in.equals("query")) {
                    cleanQueryStringExamples(schema, p.getName());
                }
                ArgumentLocation location = switch (in) {
                    case "path" -> ArgumentLocation.PATH;
                    case "query" -> ArgumentLocation.QUERY;
                    default -> ArgumentLocation.HEADER;
                };
                boolean required = in.equals("path") || Boolean.TRUE.equals(p.getRequired());
                boolean explode = p.getExplode() == null || p.getExplode();
                out.add(argument(unique(p.getName(), in, taken), location, p.getName(), required, explode, schema, s));
            }
        }
        String variantsNote = "";
        RequestBody body = resolve(op.operation().getRequestBody(), api);
        if (body != null && body.getContent() != null && !body.getContent().isEmpty()) {
            Optional<MediaType> json = body.getContent().entrySet().stream()
                    .filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("json"))
                    .map(Map.Entry::getValue)
                    .findFirst();
            if (json.isEmpty()) {
                warnings.add(op.specLocation() + ": request body types "
                        + body.getContent().keySet() + " are not JSON; the tool sends no body");
            } else if (json.get().getSchema() != null) {
                JsonNode raw = Json.mapper().valueToTree(json.get().getSchema());
                Body merged = mergeObjectVariants(raw, converter.convert(raw));
                ObjectNode schema = merged.schema();
                variantsNote = merged.variantsNote();
                boolean bodyRequired = Boolean.TRUE.equals(body.getRequired());
                JsonNode properties = schema.path("properties");
                if (properties.isObject() && properties.size() > 0) {
                    Set<String> requiredProps = new HashSet<>();
                    schema.path("required").forEach(n -> requiredProps.add(n.asText()));
                    properties
                            .properties()
                            .forEach(field -> out.add(argument(
                                    unique(field.getKey(), "body", taken),
                                    ArgumentLocation.BODY_PROPERTY,
                                    field.getKey(),
                                    bodyRequired && requiredProps.contains(field.getKey()),
                                    true,
                                    (ObjectNode) field.getValue().deepCopy(),
                                    s)));
                } else {
                    out.add(argument(
                            unique("body", "body", taken),
                            ArgumentLocation.BODY,
                            "body",
                            bodyRequired,
                            true,
                            schema,
                            s));
                }
            }
        }
        return new Arguments(out, variantsNote);
    }

    /**
     * A body that is a {@code oneOf}/{@code anyOf} of objects is offered as one flat object: the
     * union of the variants' properties, requiring only what every variant requires. This
     * accepts every valid input (strict oneOf would reject inputs that fit two overlapping
     * variants) while the description still tells the model what each variant needs.
     */
    private static Body mergeObjectVariants(JsonNode raw, ObjectNode converted) {
        JsonNode variants = converted.path("anyOf");
        if (!variants.isArray() || variants.isEmpty() || converted.has("properties")) {
            return new Body(converted, "");
        }
        for (JsonNode v : variants) {
            if (!v.path("properties").isObject()) {
                return new Body(converted, "");
            }
        }
        ObjectNode properties = JSON.objectNode();
        Set<String> required = null;
        List<String> notes = new ArrayList<>();
        JsonNode rawVariants = raw.has("oneOf") ? raw.get("oneOf") : raw.path("anyOf");
        for (int i = 0; i < variants.size(); i++) {
            JsonNode v = variants.get(i);
            v.get("properties").properties().forEach(f -> {
                if (!properties.has(f.getKey())) {
                    properties.set(f.getKey(), f.getValue().deepCopy());
                }
            });
            Set<String> req = new LinkedHashSet<>();
            v.path("required").forEach(n -> req.add(n.asText()));
            if (required == null) {
                required = new LinkedHashSet<>(req);
            } else {
                required.retainAll(req);
            }
            String ref = rawVariants.path(i).path("$ref").asText("");
            String label = ref.isEmpty()
                    ? "variant " + (i + 1)
                    : ref.substring(ref.lastIndexOf('/') + 1).replaceAll("_\\d{4}_\\d{2}_\\d{2}$", "");
            notes.add(label + " (required: " + String.join(", ", req) + ")");
        }
        Set<String> common = new LinkedHashSet<>(
                properties.properties().stream().map(Map.Entry::getKey).toList());
        for (JsonNode v : variants) {
            Set<String> names = new HashSet<>();
            v.get("properties").fieldNames().forEachRemaining(names::add);
            common.retainAll(names);
        }
        for (int i = 0; i < variants.size(); i++) {
            List<String> extra = new ArrayList<>();
            variants.get(i).get("properties").fieldNames().forEachRemaining(n -> {
                if (!common.contains(n)) {
                    extra.add(n);
                }
            });
            if (!extra.isEmpty()) {
                notes.set(i, notes.get(i).replace(")", "; also " + String.join(", ", extra) + ")"));
            }
        }
        String note = "The body has " + variants.size() + " variants; send the fields of one: "
                + String.join("; ", notes) + ".";
        ObjectNode merged = JSON.objectNode();
        merged.put("type", "object");
        if (converted.has("description")) {
            merged.set("description", converted.get("description"));
        }
        merged.set("properties", properties);
        if (required != null && !required.isEmpty()) {
            ArrayNode req = merged.putArray("required");
            required.forEach(req::add);
        }
        return new Body(merged, note);
    }

    private ArgumentDescriptor argument(
            String name,
            ArgumentLocation location,
            String wireName,
            boolean required,
            boolean explode,
            ObjectNode schema,
            Settings s) {
        ValueKind detected = ValueKindDetector.detect(schema);
        ValueKind kind = s.arguments.getOrDefault(name, detected);
        String description = schema.path("description").asText("");
        for (ValueKind k : ValueKind.values()) {
            String g = k.guidance().orElse(null);
            if (g != null) {
                description = description.replace(g, "").trim();
            }
        }
        String guidance = kind.guidance().orElse("");
        String combined = (description + " " + guidance).trim();
        if (!combined.isEmpty()) {
            schema.put("description", combined);
        }
        return new ArgumentDescriptor(name, location, wireName, kind, required, explode, schema);
    }

    /**
     * Query examples are often written as URLs ({@code ?afterStart=2025-03-07T10:00:00Z}); a model
     * would copy the {@code ?name=} part into the value. Keep just the value, or drop an example
     * that is not one value.
     */
    private static void cleanQueryStringExamples(ObjectNode schema, String name) {
        JsonNode examples = schema.path("examples");
        if (!examples.isArray()
                || examples.isEmpty()
                || !examples.get(0).asText("").startsWith("?")) {
            return;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "^\\?" + java.util.regex.Pattern.quote(name) + "=(\\S+)$")
                .matcher(examples.get(0).asText());
        if (m.matches()) {
            schema.set("examples", JSON.arrayNode().add(m.group(1)));
        } else {
            schema.remove("examples");
        }
    }

    /** Path arguments keep their names; later locations that clash get a location prefix. */
    private static String unique(String name, String location, Set<String> taken) {
        String candidate = taken.contains(name) ? location + "_" + name : name;
        int n = 2;
        while (taken.contains(candidate)) {
            candidate = location + "_" + name + "_" + n++;
        }
        taken.add(candidate);
        return candidate;
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

    private static Parameter resolve(Parameter p, OpenAPI api) {
        if (p.get$ref() == null
                || api.getComponents() == null
                || api.getComponents().getParameters() == null) {
            return p;
        }
        String name = p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1);
        Parameter target = api.getComponents().getParameters().get(name);
        return target == null ? p : target;
    }

    private static RequestBody resolve(RequestBody body, OpenAPI api) {
        if (body == null
                || body.get$ref() == null
                || api.getComponents() == null
                || api.getComponents().getRequestBodies() == null) {
            return body;
        }
        String name = body.get$ref().substring(body.get$ref().lastIndexOf('/') + 1);
        RequestBody target = api.getComponents().getRequestBodies().get(name);
        return target == null ? body : target;
    }

    /** What the rules say about one operation. */
    private static final class Settings {
        boolean expose;
        String reason;
        String name;
        int nameLine;
        String resource;
        String verb;
        String access;
        List<String> tags;
        String title;
        String description;
        final Map<String, Boolean> hints = new LinkedHashMap<>();
        final Map<String, ValueKind> arguments = new LinkedHashMap<>();
        final Map<String, String> headers = new TreeMap<>();
        final Map<String, Integer> argumentLines = new TreeMap<>();
        final List<Integer> lines = new ArrayList<>();
    }
}

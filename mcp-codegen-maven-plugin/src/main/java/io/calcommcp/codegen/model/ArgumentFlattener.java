package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.spec.DescriptionCleaner;
import io.calcommcp.codegen.spec.SchemaConverter;
import io.calcommcp.codegen.spec.SpecJson;
import io.calcommcp.codegen.spec.SpecOperation;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.CredentialScheme;
import io.calcommcp.toolapi.ValueKind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Turns an operation's parameters and request body into flat tool arguments, each knowing where
 * it goes: path, query and header parameters and the body's properties side by side, names
 * that clash prefixed by their location, credentials left to the server, and the API-version
 * header kept as a constant of the route.
 */
final class ArgumentFlattener {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TaggingRules rules;
    private final OpenAPI api;
    private final String specName;
    private final SchemaConverter converter;
    private final Diagnostics diagnostics;
    private final CredentialScheme credential;

    /**
     * @param specName the spec's name, for the location of warnings
     * @param diagnostics where to add things worth a look that do not stop generation
     */
    ArgumentFlattener(
            TaggingRules rules, OpenAPI api, String specName, SchemaConverter converter, Diagnostics diagnostics) {
        this.rules = rules;
        this.api = api;
        this.specName = specName;
        this.converter = converter;
        this.diagnostics = diagnostics;
        this.credential = ProfileBuilder.credential(rules, api);
    }

    /**
     * The flat arguments, a note describing body variants when the body had several, and whether
     * the body goes as a form.
     */
    record Flattened(List<ArgumentDescriptor> arguments, String bodyVariantsNote, boolean sendsForm) {}

    private boolean isCredential(String in, String name) {
        return credential.inQuery()
                ? in.equals("query") && credential.header().equals(name)
                : in.equals("header") && credential.header().equalsIgnoreCase(name);
    }

    /** A request body schema, and the note describing its variants if they were merged. */
    private record Body(ObjectNode schema, String variantsNote) {}

    /** The arguments of {@code op}; constant headers found on the way go into {@code constantHeaders}. */
    Flattened flatten(SpecOperation op, OperationSettings s, SortedMap<String, String> constantHeaders) {
        List<ArgumentDescriptor> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<Parameter> parameters = op.parameters();
        for (String in : List.of("path", "query", "header", "cookie")) {
            for (Parameter p : parameters) {
                if (!in.equals(p.getIn())) {
                    continue;
                }
                if (in.equals("cookie")) {
                    diagnostics.warning(
                            op.location(specName),
                            "cookie parameter '" + p.getName() + "' is not supported and is left out");
                    continue;
                }
                if (isCredential(in, p.getName())) {
                    // The server sends it, from the account's secret; the model never sees it.
                    continue;
                }
                if (in.equals("header") && rules.isServerHeader(p.getName())) {
                    if (rules.isConstantHeader(p.getName())) {
                        Object value =
                                p.getSchema() == null ? null : p.getSchema().getDefault();
                        if (value != null) {
                            constantHeaders.put(p.getName(), String.valueOf(value));
                        } else if (!s.headers.containsKey(p.getName()) && Boolean.TRUE.equals(p.getRequired())) {
                            diagnostics.warning(
                                    op.location(specName),
                                    "operation " + op.operationId() + ": required header " + p.getName()
                                            + " has no default in the spec, so it is not sent",
                                    "give its value with a rule: headers: {" + p.getName() + ": ...}");
                        }
                    }
                    continue;
                }
                ObjectNode schema = converter.convert(p.getSchema() == null ? null : SpecJson.tree(api, p.getSchema()));
                String paramDescription = DescriptionCleaner.clean(p.getDescription());
                if (!paramDescription.isEmpty()) {
                    schema.put("description", paramDescription);
                }
                if (p.getExample() != null && !schema.has("examples")) {
                    schema.set("examples", JSON.arrayNode().add(SpecJson.tree(api, p.getExample())));
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
        boolean sendsForm = false;
        RequestBody body = op.requestBody().orElse(null);
        if (body != null && body.getContent() != null && !body.getContent().isEmpty()) {
            Optional<MediaType> json = body.getContent().entrySet().stream()
                    .filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("json"))
                    .map(Map.Entry::getValue)
                    .findFirst();
            if (json.isEmpty()) {
                json = Optional.ofNullable(body.getContent().get(BodySupport.FORM));
                sendsForm = json.isPresent();
            }
            if (json.isEmpty()) {
                diagnostics.warning(
                        op.location(specName),
                        "request body types " + body.getContent().keySet() + " are not JSON; the tool sends no body");
            } else if (json.get().getSchema() != null) {
                JsonNode raw = SpecJson.tree(api, json.get().getSchema());
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
                            ArgumentLocation.WHOLE_BODY,
                            "body",
                            bodyRequired,
                            true,
                            schema,
                            s));
                }
            }
        }
        return new Flattened(out, variantsNote, sendsForm);
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
            String label = ref.isEmpty() ? "variant " + (i + 1) : ref.substring(ref.lastIndexOf('/') + 1);
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
            OperationSettings s) {
        ValueKinds.nameNested(schema, rules.valueKinds());
        ValueKind detected = ValueKindDetector.detect(schema);
        ValueKind named = rules.valueKinds().get(wireName);
        if (named != null && ValueKindDetector.isString(schema)) {
            detected = named;
        }
        ValueKind kind = s.arguments.getOrDefault(name, detected);
        if (kind != ValueKind.TIMESTAMP && schema.path("format").asText("").equals("date-time")) {
            // A rule says this is not (only) a timestamp, e.g. a date is accepted too.
            schema.remove("format");
        }
        String description = schema.path("description").asText("");
        for (ValueKind k : ValueKind.values()) {
            String g = k.guidance().orElse(null);
            if (g != null) {
                description = description.replace(g, "").trim();
            }
        }
        description = ValueKinds.withoutUtcDemands(description, kind);
        String guidance = kind.guidance().orElse("");
        String combined = (description + " " + guidance).trim();
        if (!combined.isEmpty()) {
            schema.put("description", combined);
        }
        return new ArgumentDescriptor(
                name,
                location,
                wireName,
                kind,
                required,
                explode,
                ValueKinds.nested(schema, rules.valueKinds()),
                schema);
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
}

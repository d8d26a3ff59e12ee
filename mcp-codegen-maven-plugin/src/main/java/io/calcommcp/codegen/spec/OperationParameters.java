package io.calcommcp.codegen.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.spec.OperationProblem.Impact;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parameters of one operation that a tool can send, and the problems of the others: its own
 * parameters, then those of its path item that it does not redefine, {@code $ref}s resolved. A
 * parameter without a name or with a blank one, without a valid {@code in}, with a header name
 * HTTP cannot carry, with a schema that is not a schema, or defined twice is left out; a path
 * placeholder that no parameter declares becomes a required string parameter, with a note.
 * Whether a problem costs the parameter or the whole operation depends on whether the request
 * needs the parameter: a required one (every path parameter is) cannot be left out without
 * sending another request than the API expects.
 *
 * <p>An OpenAPI 3 document is checked as written, because the parser silently drops a parameter
 * whose {@code in} is missing or unknown, and with it the parameter's place in its list (so the
 * JSON pointers of the parsed list would be wrong). A converted Swagger 2.0 document is checked
 * as parsed.
 *
 * @param usable the parameters a tool can send, in the order given
 * @param problems what is wrong with the others, in document order
 */
record OperationParameters(List<Parameter> usable, List<OperationProblem> problems) {

    private static final Set<String> PLACES = Set.of("path", "query", "header", "cookie");
    private static final String PARAMETER_PREFIX = "#/components/parameters/";
    /** An HTTP field name: a token of RFC 9110. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

    /**
     * One parameter as written, read far enough to check it.
     *
     * @param pointer where it is written
     * @param name its name, or null when it has none that is text
     * @param nameProblem why the name is unusable, or null
     * @param in where it goes, as written, or null
     * @param required whether the request needs it
     * @param component where the {@code $ref} it is led, if it is one
     * @param definition what it is, for comparing duplicates
     * @param parsed the parser's reading of it, or null when the parser dropped it
     */
    private record Written(
            String pointer,
            String name,
            String nameProblem,
            String in,
            boolean required,
            String component,
            Object definition,
            Parameter parsed) {}

    static OperationParameters of(
            OpenAPI api, String path, String method, Operation operation, PathItem item, LoadedSpec spec) {
        String operationPointer = Location.operationPointer(path, method);
        String itemPointer = "/paths/" + SchemaShapeCheck.escape(path);
        List<OperationProblem> problems = new ArrayList<>();
        List<Written> ownWritten;
        List<Written> sharedWritten;
        if (spec.document().isPresent()) {
            JsonNode document = spec.document().get();
            // The parser may have moved the path item's parameters into the operation: each written
            // parameter is matched with the parser's reading from both lists.
            List<Parameter> pool = new ArrayList<>();
            Stream.of(operation.getParameters(), item.getParameters())
                    .filter(Objects::nonNull)
                    .flatMap(List::stream)
                    .filter(Objects::nonNull)
                    .map(p -> resolve(api, p))
                    .forEach(pool::add);
            ownWritten = written(document, document.at(operationPointer), operationPointer, pool, problems);
            sharedWritten = written(document, document.at(itemPointer), itemPointer, pool, problems);
        } else {
            ownWritten = parsed(api, operation.getParameters(), operationPointer + "/parameters", problems);
            sharedWritten = parsed(api, item.getParameters(), itemPointer + "/parameters", problems);
        }
        Map<String, Parameter> own = usable(ownWritten, path, spec, problems);
        // The operation's own definition of a parameter wins over its path item's.
        List<Written> notRedefined = sharedWritten.stream()
                .filter(w -> w.name() == null || w.in() == null || !own.containsKey(key(w.in(), w.name())))
                .toList();
        List<Parameter> usable = new ArrayList<>(own.values());
        usable.addAll(usable(notRedefined, path, spec, problems).values());
        Matcher m = PLACEHOLDER.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            boolean declared = Stream.concat(ownWritten.stream(), sharedWritten.stream())
                    .anyMatch(w -> "path".equals(w.in()) && name.equals(w.name()));
            if (!declared) {
                // The placeholder can only be a path parameter: a tool that asks for it sends the
                // URL the API means, where leaving it out would send the braces.
                usable.add(new PathParameter().name(name).required(true).schema(new StringSchema()));
                problems.add(new OperationProblem(
                        operationPointer,
                        "the path " + path + " has a placeholder {" + name + "} that no parameter declares; the"
                                + " tool takes it as a required string argument",
                        "declare it: {name: " + name + ", in: path, required: true, schema: {type: string}}",
                        Impact.ASSUMED));
            }
        }
        return new OperationParameters(usable, problems);
    }

    /** The parameters of one list as the document writes them, each matched to the parser's reading. */
    private static List<Written> written(
            JsonNode document,
            JsonNode owner,
            String ownerPointer,
            List<Parameter> parsed,
            List<OperationProblem> problems) {
        List<Written> out = new ArrayList<>();
        JsonNode list = owner.path("parameters");
        String listPointer = ownerPointer + "/parameters";
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            problems.add(new OperationProblem(
                    listPointer,
                    "parameters is " + SchemaShapeCheck.kind(list) + ", not a list of parameters",
                    "write the parameters as a list: parameters: [{name: ..., in: query, schema: {...}}]",
                    Impact.OPERATION_LEFT_OUT));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String pointer = listPointer + "/" + i;
            JsonNode node = list.get(i);
            String component = null;
            List<String> followed = new ArrayList<>();
            while (node.isObject() && node.has("$ref")) {
                String ref = node.path("$ref").asText("");
                JsonNode target = ref.startsWith(PARAMETER_PREFIX) ? document.at(ref.substring(1)) : null;
                if (target == null || !target.isObject() || followed.contains(ref)) {
                    node = null;
                    // Whether the request needs it is unknown, so the request cannot be trusted.
                    problems.add(new OperationProblem(
                            pointer,
                            "parameter $ref " + ref + " does not lead to a parameter in components.parameters",
                            "point it at #/components/parameters/<name>, or write the parameter out",
                            Impact.OPERATION_LEFT_OUT));
                    break;
                }
                followed.add(ref);
                component = ref.substring(1);
                node = target;
            }
            if (node == null) {
                continue;
            }
            if (!node.isObject()) {
                problems.add(new OperationProblem(
                        pointer,
                        "the parameter is " + SchemaShapeCheck.kind(node) + ", not a parameter object",
                        "write it as {name: ..., in: query, schema: {...}}, or as a $ref to one",
                        Impact.OPERATION_LEFT_OUT));
                continue;
            }
            JsonNode nameNode = node.path("name");
            String name = nameNode.isTextual() && !nameNode.asText().isBlank() ? nameNode.asText() : null;
            String nameProblem = nameNode.isMissingNode() || nameNode.isNull()
                    ? "has no name"
                    : !nameNode.isTextual()
                            ? "has a name that is " + SchemaShapeCheck.kind(nameNode) + ", not text"
                            : nameNode.asText().isBlank() ? "has an empty name" : null;
            String in = node.path("in").isTextual() ? node.path("in").asText() : null;
            boolean required = "path".equals(in) || node.path("required").asBoolean(false);
            Parameter match = name == null || in == null ? null : take(parsed, name, in);
            out.add(new Written(pointer, name, nameProblem, in, required, component, node, match));
        }
        return out;
    }

    /** The parameters of one list as the parser read them (a converted document has no other form). */
    private static List<Written> parsed(
            OpenAPI api, List<Parameter> list, String listPointer, List<OperationProblem> problems) {
        List<Written> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Parameter written = list.get(i);
            if (written == null) {
                continue;
            }
            Parameter p = resolve(api, written);
            if (p.get$ref() != null) {
                problems.add(new OperationProblem(
                        listPointer + "/" + i,
                        "parameter $ref " + p.get$ref() + " does not lead to a parameter in components.parameters",
                        "point it at #/components/parameters/<name>, or write the parameter out",
                        Impact.OPERATION_LEFT_OUT));
                continue;
            }
            String name = p.getName() == null || p.getName().isBlank() ? null : p.getName();
            String nameProblem = p.getName() == null ? "has no name" : name == null ? "has an empty name" : null;
            boolean required = "path".equals(p.getIn()) || Boolean.TRUE.equals(p.getRequired());
            String component =
                    written.get$ref() == null ? null : written.get$ref().substring(1);
            out.add(new Written(listPointer + "/" + i, name, nameProblem, p.getIn(), required, component, p, p));
        }
        return out;
    }

    /** The first parsed parameter named {@code name} in {@code in}, removed so a duplicate finds the next. */
    private static Parameter take(List<Parameter> parsed, String name, String in) {
        for (int i = 0; i < parsed.size(); i++) {
            Parameter p = parsed.get(i);
            if (name.equals(p.getName()) && in.equals(p.getIn())) {
                return parsed.remove(i);
            }
        }
        return null;
    }

    /** The usable parameters of one list, by place and name; every problem goes to {@code problems}. */
    private static Map<String, Parameter> usable(
            List<Written> list, String path, LoadedSpec spec, List<OperationProblem> problems) {
        Map<String, Parameter> byKey = new LinkedHashMap<>();
        Map<String, Written> firstByKey = new LinkedHashMap<>();
        for (Written w : list) {
            String in = w.in();
            String name = w.name();
            Impact impact = w.required() ? Impact.OPERATION_LEFT_OUT : Impact.PARAMETER_LEFT_OUT;
            boolean known = in != null && PLACES.contains(in);
            String what = (known ? in + " parameter" : "parameter")
                    + (name == null ? "" : " '" + name + "'")
                    + (w.component() == null ? "" : " (defined at " + w.component() + ")");
            String pointer = w.pointer();
            String problem = null;
            String fix = null;
            if (w.nameProblem() != null) {
                problem = what + " " + w.nameProblem();
                fix = "give it the name the API expects (name: ...), or remove it";
            } else if (!known) {
                problem = what + (in == null ? " has no 'in'" : " has in: '" + in + "'") + ", so a tool cannot know"
                        + " where in the request it goes";
                fix = "give it in: path, query, header or cookie";
            } else if (in.equals("header") && !HEADER_NAME.matcher(name).matches()) {
                problem = what + " is not a name an HTTP header can have";
                fix = "correct the name: letters, digits and !#$%&'*+-.^_`|~ only";
            } else if (in.equals("path") && !path.contains("{" + name + "}")) {
                problem = what + " is not a placeholder of the path " + path;
                fix = "name it after one of the path's {placeholders}, or remove it";
                // The URL is built without it, so only the parameter is lost.
                impact = Impact.PARAMETER_LEFT_OUT;
            } else {
                for (MalformedPart part : spec.malformedInPaths()) {
                    if (part.isWithin(w.pointer())) {
                        problem = what + ": " + part.message();
                        fix = part.fix();
                        pointer = part.pointer();
                        break;
                    }
                }
            }
            if (problem == null && w.parsed() == null) {
                problem = what + " could not be read by the OpenAPI parser";
                fix = "check it against the OpenAPI specification's Parameter Object";
            }
            if (problem == null) {
                String key = key(in, name);
                Written first = firstByKey.putIfAbsent(key, w);
                if (first == null) {
                    byKey.put(key, w.parsed());
                    continue;
                }
                boolean same = first.definition().equals(w.definition());
                problem = what + " is defined twice (first at " + first.pointer() + ")"
                        + (same
                                ? "; this second definition is ignored"
                                : ", differently, so a tool cannot know which the API means");
                fix = "remove one of the two definitions";
                impact = same ? Impact.PARAMETER_LEFT_OUT : Impact.OPERATION_LEFT_OUT;
            }
            problems.add(new OperationProblem(
                    pointer, problem + (impact == Impact.PARAMETER_LEFT_OUT ? "; it is left out" : ""), fix, impact));
        }
        return byKey;
    }

    /** What makes two parameters the same one: the place, and the name (any case, for a header). */
    private static String key(String in, String name) {
        return in + " " + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name);
    }

    /** The parameter {@code written} refers to in {@code components.parameters}; itself where that leads nowhere. */
    private static Parameter resolve(OpenAPI api, Parameter written) {
        Parameter p = written;
        List<String> followed = new ArrayList<>();
        while (p.get$ref() != null && !followed.contains(p.get$ref())) {
            String ref = p.get$ref();
            Map<String, Parameter> components =
                    api.getComponents() == null ? null : api.getComponents().getParameters();
            Parameter target = ref.startsWith(PARAMETER_PREFIX) && components != null
                    ? components.get(ref.substring(PARAMETER_PREFIX.length()))
                    : null;
            if (target == null) {
                return p;
            }
            followed.add(ref);
            p = target;
        }
        return p;
    }
}

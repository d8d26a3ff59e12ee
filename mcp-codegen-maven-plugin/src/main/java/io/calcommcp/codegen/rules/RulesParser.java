package io.calcommcp.codegen.rules;

import io.calcommcp.codegen.core.CodegenException;
import io.calcommcp.codegen.core.Problem;
import io.calcommcp.codegen.model.ValueKind;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the tagging-rules YAML into {@link TaggingRules}, keeping the line of every rule.
 * Structural mistakes (unknown keys, wrong value types, unknown verbs) are all collected and
 * reported together; whether the rules fit the spec is {@link RulesChecker}'s job.
 */
public final class RulesParser {

    static final Set<String> TOP_KEYS = Set.of(
            "version", "vendor", "path-prefix", "credential-headers", "constant-headers", "expose-tags", "rules");
    static final Set<String> RULE_KEYS = Set.of(
            "match",
            "expose",
            "reason",
            "why",
            "name",
            "resource",
            "verb",
            "access",
            "tags",
            "title",
            "description",
            "hints",
            "arguments",
            "headers");
    static final Set<String> MATCH_KEYS = Set.of("operation", "tag", "path", "method");
    static final Set<String> HINT_KEYS = Set.of("readOnly", "destructive", "idempotent", "openWorld");
    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final List<Problem> problems = new ArrayList<>();
    private String fileName = "rules";

    /** Parses the rules file at {@code path}. */
    public TaggingRules parse(Path path) throws CodegenException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CodegenException(new Problem(
                    path.toString(),
                    "the tagging-rules file does not exist",
                    "point the rules parameter at a YAML rules file (see README.md, 'Editing the rules')"));
        } catch (IOException e) {
            throw new CodegenException(
                    new Problem(path.toString(), "cannot read the tagging-rules file: " + e.getMessage(), ""));
        }
        return parse(path.normalize().toString(), text);
    }

    /** Parses rules text; {@code name} names the file in messages (a path, so IDEs can link to the line). */
    public TaggingRules parse(String name, String text) throws CodegenException {
        fileName = name;
        problems.clear();
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new CodegenException(new Problem(
                    fileName + ":" + line,
                    "invalid YAML: " + e.getProblem(),
                    "fix the YAML syntax (indentation, quoting: quote values containing ': ' or '#')"));
        } catch (YAMLException e) {
            throw new CodegenException(new Problem(fileName, "invalid YAML: " + e.getMessage(), ""));
        }
        if (!(root instanceof MappingNode top)) {
            throw new CodegenException(new Problem(
                    fileName + ":1",
                    "the rules file must be a YAML mapping with keys " + new TreeSet<>(TOP_KEYS),
                    "start from calcom-openapi/tagging-rules.yaml"));
        }
        Map<String, Node> fields = fields(top, TOP_KEYS, "top level");
        int version = fields.containsKey("version") ? integer(fields.get("version")) : 1;
        if (version != 1) {
            problems.add(new Problem(
                    at(fields.get("version")),
                    "unsupported rules version " + version,
                    "this generator reads version: 1"));
        }
        String vendor = fields.containsKey("vendor") ? string(fields.get("vendor")) : "api";
        if (!vendor.matches("[a-z0-9]+")) {
            problems.add(new Problem(
                    at(fields.get("vendor")),
                    "vendor must be lower-case letters and digits",
                    "for example: vendor: calcom"));
        }
        String pathPrefix = fields.containsKey("path-prefix") ? string(fields.get("path-prefix")) : "";
        List<String> credentialHeaders = fields.containsKey("credential-headers")
                ? sequence(fields.get("credential-headers")).stream()
                        .map(this::string)
                        .toList()
                : List.of("Authorization");
        List<String> constantHeaders = fields.containsKey("constant-headers")
                ? sequence(fields.get("constant-headers")).stream()
                        .map(this::string)
                        .toList()
                : List.of();
        List<Glob> exposeTags = new ArrayList<>();
        List<Integer> exposeTagLines = new ArrayList<>();
        if (fields.containsKey("expose-tags")) {
            for (Node item : sequence(fields.get("expose-tags"))) {
                exposeTags.add(Glob.ofName(string(item)));
                exposeTagLines.add(line(item));
            }
        }
        List<Rule> rules = new ArrayList<>();
        if (fields.containsKey("rules")) {
            for (Node item : sequence(fields.get("rules"))) {
                parseRule(item).ifPresent(rules::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new CodegenException(problems);
        }
        return new TaggingRules(
                fileName, vendor, pathPrefix, credentialHeaders, constantHeaders, exposeTags, exposeTagLines, rules);
    }

    private Optional<Rule> parseRule(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(new Problem(at(node), "a rule must be a mapping with a 'match' key", "see README.md"));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, Node> f = fields(mapping, RULE_KEYS, "rule");
        RuleMatch match = new RuleMatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        if (!f.containsKey("match")) {
            problems.add(new Problem(
                    at(node),
                    "the rule has no 'match'",
                    "add match: {operation: ...} or match: {tag: ...} or match: {path: ...}"));
        } else {
            match = parseMatch(f.get("match"));
        }
        Optional<Boolean> expose = optional(f, "expose").map(this::bool);
        Optional<String> reason = optional(f, "reason").map(this::string);
        if (expose.equals(Optional.of(false)) && reason.isEmpty()) {
            problems.add(new Problem(
                    at(node),
                    "a rule with expose: false needs a reason",
                    "add reason: \"...\" saying why these operations are not tools; the build summary shows it"));
        }
        Optional<String> verb = optional(f, "verb").map(this::string);
        verb.filter(v -> !v.matches("[a-z][a-z0-9_]*"))
                .ifPresent(v -> problems.add(new Problem(
                        at(f.get("verb")),
                        "verb '" + v + "' is not snake_case",
                        "use list, get, create, update, delete or a lower-case custom verb such as cancel")));
        Optional<String> access = optional(f, "access").map(this::string);
        access.filter(a -> !a.equals("read") && !a.equals("write"))
                .ifPresent(a -> problems.add(
                        new Problem(at(f.get("access")), "access must be read or write, not '" + a + "'", "")));
        Optional<List<String>> tags = optional(f, "tags")
                .map(n -> sequence(n).stream().map(this::string).toList());
        Map<String, Boolean> hints = new LinkedHashMap<>();
        optional(f, "hints").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                fields(m, HINT_KEYS, "hints").forEach((k, v) -> hints.put(k, bool(v)));
            } else {
                problems.add(new Problem(at(n), "hints must be a mapping", "for example: hints: {destructive: true}"));
            }
        });
        Map<String, ValueKind> arguments = new LinkedHashMap<>();
        optional(f, "arguments").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String arg = string(t.getKeyNode());
                    parseKind(t.getValueNode()).ifPresent(k -> arguments.put(arg, k));
                }
            } else {
                problems.add(new Problem(
                        at(n),
                        "arguments must be a mapping of argument name to kind",
                        "for example: arguments: {start: date-or-timestamp}"));
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        optional(f, "headers").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    headers.put(string(t.getKeyNode()), string(t.getValueNode()));
                }
            } else {
                problems.add(new Problem(
                        at(n),
                        "headers must be a mapping of header name to value",
                        "for example: headers: {cal-api-version: \"2024-08-13\"}"));
            }
        });
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Rule(
                line(node),
                match,
                expose,
                reason,
                optional(f, "name").map(this::string),
                optional(f, "resource").map(this::string),
                verb,
                access,
                tags,
                optional(f, "title").map(this::string),
                optional(f, "description").map(this::string),
                hints,
                arguments,
                headers));
    }

    private RuleMatch parseMatch(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(new Problem(
                    at(node),
                    "match must be a mapping",
                    "for example: match: {operation: BookingsController_2024_08_13_getBookings}"));
            return new RuleMatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Map<String, Node> f = fields(mapping, MATCH_KEYS, "match");
        if (f.isEmpty()) {
            problems.add(new Problem(
                    at(node),
                    "match is empty, so the rule would apply to every operation",
                    "give at least one of " + new TreeSet<>(MATCH_KEYS)));
        }
        Optional<String> method = optional(f, "method").map(n -> string(n).toUpperCase(Locale.ROOT));
        method.filter(m -> !HTTP_METHODS.contains(m))
                .ifPresent(m -> problems.add(new Problem(
                        at(f.get("method")),
                        "unknown HTTP method '" + m + "'",
                        "use one of " + new TreeSet<>(HTTP_METHODS))));
        return new RuleMatch(
                optional(f, "operation").map(n -> Glob.ofName(string(n))),
                optional(f, "tag").map(n -> Glob.ofName(string(n))),
                optional(f, "path").map(n -> Glob.ofPath(string(n))),
                method);
    }

    private Optional<ValueKind> parseKind(Node node) {
        String text = string(node);
        for (ValueKind kind : ValueKind.values()) {
            if (kind.ruleName().equals(text)) {
                return Optional.of(kind);
            }
        }
        List<String> names = new ArrayList<>();
        for (ValueKind kind : ValueKind.values()) {
            names.add(kind.ruleName());
        }
        problems.add(new Problem(at(node), "unknown argument kind '" + text + "'", "use one of " + names));
        return Optional.empty();
    }

    private Map<String, Node> fields(MappingNode mapping, Set<String> allowed, String where) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = string(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                problems.add(new Problem(
                        at(tuple.getKeyNode()),
                        "unknown key '" + key + "' in " + where,
                        "allowed keys: " + new TreeSet<>(allowed)));
                continue;
            }
            out.put(key, tuple.getValueNode());
        }
        return out;
    }

    private static Optional<Node> optional(Map<String, Node> fields, String key) {
        return Optional.ofNullable(fields.get(key));
    }

    private List<Node> sequence(Node node) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        if (node instanceof ScalarNode) {
            return List.of(node);
        }
        problems.add(new Problem(at(node), "expected a list", "write [a, b] or one '- item' per line"));
        return List.of();
    }

    private String string(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(new Problem(at(node), "expected a single value, found a " + kindOf(node), ""));
        return "";
    }

    private boolean bool(Node node) {
        String value = string(node);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problems.add(new Problem(at(node), "expected true or false, found '" + value + "'", ""));
        return false;
    }

    private int integer(Node node) {
        String value = string(node);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(new Problem(at(node), "expected a whole number, found '" + value + "'", ""));
            return 1;
        }
    }

    private static String kindOf(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "value";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private String at(Node node) {
        return fileName + ":" + line(node);
    }
}

package io.calcommcp.codegen.rules;

import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.toolapi.RecordPointer;
import io.calcommcp.toolapi.UrlTemplate;
import io.calcommcp.toolapi.ValueKind;
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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the tagging-rules YAML into {@link TaggingRules}, keeping the line of every rule.
 * Structural mistakes (unknown keys, wrong value types, unknown verbs) are all collected and
 * reported together; whether the rules fit the spec is {@link RulesChecker}'s job.
 */
public final class RulesParser {

    static final Set<String> TOP_KEYS = Set.of(
            "version",
            "vendor",
            "path-prefix",
            "credential-headers",
            "constant-headers",
            "expose-tags",
            "rules",
            "server",
            "paging",
            "value-kinds",
            "advertised",
            "const-from-description",
            "drop-from-descriptions",
            "search");
    static final Set<String> SERVER_KEYS = Set.of(
            "name",
            "display-name",
            "env-prefix",
            "base-url",
            "credential",
            "credential-help",
            "error-message",
            "error-code",
            "error-details",
            "rate-limit-headers",
            "records",
            "instructions",
            "key-check");
    static final Set<String> SEARCH_KEYS = Set.of("max-results", "sources");
    static final Set<String> SEARCH_SOURCE_KEYS = Set.of(
            "name",
            "label",
            "list",
            "list-arguments",
            "records",
            "get",
            "get-argument",
            "record",
            "id",
            "title",
            "text",
            "metadata",
            "newest-first",
            "url");
    /** The keys a search source cannot do without. */
    static final List<String> SEARCH_SOURCE_REQUIRED =
            List.of("name", "list", "get", "get-argument", "id", "title", "url");

    static final Set<String> CREDENTIAL_KEYS = Set.of("header", "prefix");
    static final Set<String> RULE_KEYS = Set.of(
            "match",
            "expose",
            "reason",
            "name",
            "resource",
            "verb",
            "access",
            "tags",
            "title",
            "description",
            "hints",
            "arguments",
            "headers",
            "paging",
            "advertised");
    static final Set<String> ADVERTISED_KEYS =
            Set.of("tool-description", "argument-description", "argument-bytes", "tool-tokens");
    static final Set<String> PAGING_KEYS =
            Set.of("style", "limit", "offset", "records", "has-more", "default-limit", "max-limit");
    static final Set<String> MATCH_KEYS = Set.of("operation", "tag", "path", "method");
    static final Set<String> HINT_KEYS = Set.of("readOnly", "destructive", "idempotent", "openWorld");
    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private Diagnostics problems = new Diagnostics();
    private String fileName = "rules";

    /** Parses the rules file at {@code path}. */
    public TaggingRules parse(Path path) throws CodegenException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CodegenException(
                    Location.file(path.toString()),
                    "the tagging-rules file does not exist",
                    "point the rules parameter at a YAML rules file (see docs/rules.md)");
        } catch (IOException e) {
            throw new CodegenException(
                    Location.file(path.toString()), "cannot read the tagging-rules file: " + e.getMessage(), "");
        }
        return parse(path.normalize().toString(), text);
    }

    /** Parses rules text; {@code name} names the file in messages (a path, so IDEs can link to the line). */
    public TaggingRules parse(String name, String text) throws CodegenException {
        fileName = name;
        problems = new Diagnostics();
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new CodegenException(
                    Location.line(fileName, line),
                    "invalid YAML: " + e.getProblem(),
                    "fix the YAML syntax (indentation, quoting: quote values containing ': ' or '#')");
        } catch (YAMLException e) {
            throw new CodegenException(Location.file(fileName), "invalid YAML: " + e.getMessage(), "");
        }
        if (!(root instanceof MappingNode top)) {
            throw new CodegenException(
                    Location.line(fileName, 1),
                    "the rules file must be a YAML mapping with keys " + new TreeSet<>(TOP_KEYS),
                    "start from calcom-openapi/tagging-rules.yaml");
        }
        Map<String, Node> fields = fields(top, TOP_KEYS, "top level");
        int version = fields.containsKey("version") ? integer(fields.get("version")) : 1;
        if (version != 1) {
            problems.error(
                    at(fields.get("version")),
                    "unsupported rules version " + version,
                    "this generator reads version: 1");
        }
        String vendor = fields.containsKey("vendor") ? string(fields.get("vendor")) : "api";
        if (!vendor.matches("[a-z0-9]+")) {
            problems.error(
                    at(fields.get("vendor")),
                    "vendor must be lower-case letters and digits",
                    "for example: vendor: calcom");
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
        ServerRules server = fields.containsKey("server") ? parseServer(fields.get("server")) : ServerRules.defaults();
        PagingRules paging =
                fields.containsKey("paging") ? parsePaging(fields.get("paging"), true) : PagingRules.none();
        Map<String, ValueKind> valueKinds = new LinkedHashMap<>();
        optional(fields, "value-kinds").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String property = string(t.getKeyNode());
                    parseKind(t.getValueNode()).ifPresent(k -> valueKinds.put(property, k));
                }
            } else {
                problems.error(
                        at(n),
                        "value-kinds must be a mapping of property name to kind",
                        "for example: value-kinds: {timeZone: time-zone}");
            }
        });
        AdvertisedRules advertised =
                fields.containsKey("advertised") ? parseAdvertised(fields.get("advertised")) : AdvertisedRules.none();
        List<Pattern> constPatterns = patterns(fields, "const-from-description", true);
        List<Pattern> dropPatterns = patterns(fields, "drop-from-descriptions", false);
        SearchRules search = fields.containsKey("search")
                ? parseSearch(fields.get("search"), keyLine(top, "search"))
                : SearchRules.none();
        problems.throwIfErrors();
        return new TaggingRules(
                fileName,
                vendor,
                pathPrefix,
                credentialHeaders,
                constantHeaders,
                exposeTags,
                exposeTagLines,
                rules,
                server,
                paging,
                valueKinds,
                advertised,
                constPatterns,
                dropPatterns,
                !fields.containsKey("expose-tags"),
                search);
    }

    /** A {@code search:} section: its sources' syntax (names, pointers, templates) checked here. */
    private SearchRules parseSearch(Node node, int keyLine) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(
                    at(node),
                    "search must be a mapping with sources",
                    "for example: search: {sources: [{name: booking, list: ..., get: ..., ...}]} (see docs/rules.md)");
            return SearchRules.none();
        }
        Map<String, Node> f = fields(mapping, SEARCH_KEYS, "search");
        Optional<Integer> maxResults = optional(f, "max-results").map(this::positive);
        List<SearchSourceRules> sources = new ArrayList<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        if (!f.containsKey("sources")) {
            problems.error(
                    at(node),
                    "search has no sources",
                    "list what to search under sources:, or remove the search section for no search and fetch tools");
        } else {
            for (Node item : sequence(f.get("sources"))) {
                parseSearchSource(item).ifPresent(source -> {
                    Integer first = firstLine.putIfAbsent(source.name(), source.lineOf("name"));
                    if (first != null) {
                        problems.error(
                                Location.line(fileName, source.lineOf("name")),
                                "search source name '" + source.name() + "' is used twice (first at line " + first
                                        + ")",
                                "give each source its own name: it is the prefix of its results' ids");
                    } else {
                        sources.add(source);
                    }
                });
            }
        }
        return new SearchRules(keyLine, maxResults, sources);
    }

    private Optional<SearchSourceRules> parseSearchSource(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(
                    at(node),
                    "a search source must be a mapping",
                    "for example: - {name: booking, list: ..., get: ..., get-argument: ..., id: /uid, title: /title,"
                            + " url: \"https://.../{uid}\"}");
            return Optional.empty();
        }
        int before = problems.errorCount();
        Map<String, Node> f = fields(mapping, SEARCH_SOURCE_KEYS, "search source");
        Map<String, Integer> lines = new LinkedHashMap<>();
        f.forEach((key, value) -> lines.put(key, line(value)));
        for (String key : SEARCH_SOURCE_REQUIRED) {
            if (!f.containsKey(key)) {
                problems.error(
                        at(node),
                        "the search source has no " + key,
                        "a source needs " + String.join(", ", SEARCH_SOURCE_REQUIRED) + " (see docs/rules.md)");
            }
        }
        String name = optional(f, "name").map(this::string).orElse("");
        if (f.containsKey("name") && !name.matches("[a-z][a-z0-9_]*")) {
            problems.error(
                    at(f.get("name")),
                    "search source name '" + name + "' must be lower-case letters, digits and _",
                    "for example: name: booking (its results get ids booking:<id>)");
        }
        Map<String, String> listArguments = stringMap(f, "list-arguments", "for example: list-arguments: {sort: desc}");
        Optional<String> records = optional(f, "records").map(n -> pointer(n, "records", false, true));
        Optional<String> record = optional(f, "record").map(n -> pointer(n, "record", false, true));
        String id = optional(f, "id").map(n -> pointer(n, "id", false, false)).orElse("");
        String title =
                optional(f, "title").map(n -> pointer(n, "title", false, false)).orElse("");
        List<String> text = new ArrayList<>();
        optional(f, "text").ifPresent(n -> {
            for (Node item : sequence(n)) {
                text.add(pointer(item, "text", true, false));
                lines.putIfAbsent("text " + text.get(text.size() - 1), line(item));
            }
        });
        Map<String, String> metadata = new LinkedHashMap<>();
        optional(f, "metadata").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String pointer = pointer(t.getValueNode(), "metadata", true, false);
                    metadata.put(string(t.getKeyNode()), pointer);
                    lines.putIfAbsent("metadata " + pointer, line(t.getValueNode()));
                }
            } else {
                problems.error(
                        at(n),
                        "metadata must be a mapping of name to pointer",
                        "for example: metadata: {start: /start, status: /status}");
            }
        });
        Optional<String> newestFirst = optional(f, "newest-first").map(n -> pointer(n, "newest-first", false, false));
        String url = optional(f, "url").map(this::string).orElse("");
        if (f.containsKey("url")) {
            UrlTemplate.problem(url)
                    .ifPresent(p -> problems.error(
                            at(f.get("url")),
                            "url '" + url + "' is not a usable template: " + p,
                            "write the record's web page with its fields in braces, e.g."
                                    + " \"https://app.example.com/bookings/{uid}\""));
        }
        if (problems.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new SearchSourceRules(
                line(node),
                name,
                optional(f, "label").map(this::string),
                string(f.get("list")),
                listArguments,
                records,
                string(f.get("get")),
                string(f.get("get-argument")),
                record,
                id,
                title,
                text,
                metadata,
                newestFirst,
                url,
                lines));
    }

    /** A pointer into a record; {@code manyValues}: it may go through every item of an array ({@code *}). */
    private String pointer(Node node, String key, boolean manyValues, boolean emptyAllowed) {
        String pointer = string(node);
        RecordPointer.problem(pointer, manyValues, emptyAllowed)
                .ifPresent(p -> problems.error(
                        at(node),
                        key + " '" + pointer + "' is not a usable pointer: " + p,
                        manyValues
                                ? "write a JSON pointer into one record, e.g. /title or /attendees/*/email"
                                : "write a JSON pointer to one field of the record, e.g. /title"));
        return pointer;
    }

    /** A mapping of names to single values, such as a list tool's fixed arguments. */
    private Map<String, String> stringMap(Map<String, Node> fields, String key, String example) {
        Map<String, String> out = new LinkedHashMap<>();
        optional(fields, key).ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    out.put(string(t.getKeyNode()), string(t.getValueNode()));
                }
            } else {
                problems.error(at(n), key + " must be a mapping", example);
            }
        });
        return out;
    }

    /** A list of regular expressions; {@code withGroup}: each must capture the value in group 1. */
    private List<Pattern> patterns(Map<String, Node> fields, String key, boolean withGroup) {
        List<Pattern> out = new ArrayList<>();
        optional(fields, key).ifPresent(n -> {
            for (Node item : sequence(n)) {
                String regex = string(item);
                try {
                    Pattern pattern = Pattern.compile(regex);
                    if (withGroup && pattern.matcher("").groupCount() < 1) {
                        problems.error(
                                at(item),
                                key + " pattern '" + regex + "' has no group for the value",
                                "put the value in parentheses, e.g. \"only allowed value for \\\\w+ is `([^`]+)`\"");
                    } else {
                        out.add(pattern);
                    }
                } catch (PatternSyntaxException e) {
                    problems.error(
                            at(item),
                            key + " pattern '" + regex + "' is not a regular expression: " + e.getDescription(),
                            "write a Java regular expression; in YAML double quotes, a backslash is written \\\\");
                }
            }
        });
        return out;
    }

    /** An {@code advertised:} block: each setting a positive whole number. */
    private AdvertisedRules parseAdvertised(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(
                    at(node),
                    "advertised must be a mapping",
                    "for example: advertised: {tool-description: 200, argument-bytes: 300}");
            return AdvertisedRules.none();
        }
        Map<String, Node> f = fields(mapping, ADVERTISED_KEYS, "advertised");
        return new AdvertisedRules(
                line(node),
                optional(f, "tool-description").map(this::positive),
                optional(f, "argument-description").map(this::positive),
                optional(f, "argument-bytes").map(this::positive),
                optional(f, "tool-tokens").map(this::positive));
    }

    /**
     * A {@code paging:} block. At the top level it must say how the API pages; in a rule it may be
     * {@code false} (no paging), {@code true} (the top-level paging) or a mapping of overrides.
     */
    private PagingRules parsePaging(Node node, boolean topLevel) {
        if (!topLevel && node instanceof ScalarNode) {
            boolean on = bool(node);
            return new PagingRules(
                    line(node),
                    Optional.of(on),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.error(
                    at(node),
                    "paging must be a mapping" + (topLevel ? "" : ", true or false"),
                    "for example: paging: {style: offset, limit: take, offset: skip, default-limit: 100,"
                            + " max-limit: 250}");
            return PagingRules.none();
        }
        Map<String, Node> f = fields(mapping, PAGING_KEYS, "paging");
        Optional<String> style = optional(f, "style").map(this::string);
        style.filter(v -> !v.equals(PagingRules.OFFSET))
                .ifPresent(v -> problems.error(
                        at(f.get("style")),
                        "unknown paging style '" + v + "'",
                        "this generator pages with style: offset (a page size and a number of records to skip)"));
        if (topLevel) {
            for (String key : List.of("style", "limit", "offset")) {
                if (!f.containsKey(key)) {
                    problems.error(
                            at(node),
                            "the top-level paging block needs " + key,
                            "for example: paging: {style: offset, limit: take, offset: skip}");
                }
            }
        }
        for (String key : List.of("records", "has-more")) {
            optional(f, key).ifPresent(n -> {
                String pointer = string(n);
                if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                    problems.error(
                            at(n),
                            key + " '" + pointer + "' is not a JSON pointer",
                            "write a pointer into the answer that starts with /, e.g. /data");
                }
            });
        }
        Optional<Integer> defaultLimit = optional(f, "default-limit").map(this::positive);
        Optional<Integer> maxLimit = optional(f, "max-limit").map(this::positive);
        if (defaultLimit.isPresent() && maxLimit.isPresent() && defaultLimit.get() > maxLimit.get()) {
            problems.error(
                    at(f.get("default-limit")),
                    "default-limit " + defaultLimit.get() + " is larger than max-limit " + maxLimit.get(),
                    "the default page size must be one the model may ask for");
        }
        return new PagingRules(
                line(node),
                Optional.of(true),
                style,
                optional(f, "limit").map(this::string),
                optional(f, "offset").map(this::string),
                optional(f, "records").map(this::string),
                optional(f, "has-more").map(this::string),
                defaultLimit,
                maxLimit);
    }

    private int positive(Node node) {
        int value = integer(node);
        if (value < 1) {
            problems.error(at(node), "expected a whole number of at least 1, found " + value, "");
            return 1;
        }
        return value;
    }

    private ServerRules parseServer(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(
                    at(node),
                    "server must be a mapping",
                    "for example: server: {display-name: Cal.com, base-url: https://api.cal.com}");
            return ServerRules.defaults();
        }
        Map<String, Node> f = fields(mapping, SERVER_KEYS, "server");
        Optional<String> name = optional(f, "name").map(this::string);
        name.filter(n -> !n.matches("[a-z0-9][a-z0-9._-]*"))
                .ifPresent(n -> problems.error(
                        at(f.get("name")),
                        "server name '" + n + "' must be lower-case letters, digits, '.', '_' or '-'",
                        "for example: name: calcom-mcp"));
        Optional<String> prefix = optional(f, "env-prefix").map(this::string);
        prefix.filter(p -> !p.matches("[A-Z][A-Z0-9_]*"))
                .ifPresent(p -> problems.error(
                        at(f.get("env-prefix")),
                        "env-prefix '" + p + "' must be upper-case letters, digits and '_'",
                        "for example: env-prefix: CALCOM (gives CALCOM_API_KEY)"));
        Optional<String> baseUrl = optional(f, "base-url").map(this::string);
        baseUrl.filter(u -> !u.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?"))
                .ifPresent(u -> problems.error(
                        at(f.get("base-url")),
                        "base-url '" + u + "' is not an http(s) URL without query or fragment",
                        "for example: base-url: https://api.cal.com"));
        Optional<String> header = Optional.empty();
        Optional<String> credentialPrefix = Optional.empty();
        if (f.containsKey("credential")) {
            Node credential = f.get("credential");
            if (credential instanceof ScalarNode && string(credential).equals("bearer")) {
                header = Optional.of("Authorization");
                credentialPrefix = Optional.of("Bearer ");
            } else if (credential instanceof MappingNode m) {
                Map<String, Node> c = fields(m, CREDENTIAL_KEYS, "credential");
                header = optional(c, "header").map(this::string);
                credentialPrefix =
                        Optional.of(optional(c, "prefix").map(this::string).orElse(""));
                if (header.isEmpty()) {
                    problems.error(at(m), "credential needs a header", "for example: credential: {header: X-API-Key}");
                }
            } else {
                problems.error(
                        at(credential),
                        "credential must be 'bearer' or a mapping with header and prefix",
                        "for example: credential: bearer, or credential: {header: X-API-Key}");
            }
        }
        List<String> pointers = List.of("error-message", "error-code", "error-details");
        for (String key : pointers) {
            optional(f, key).ifPresent(n -> {
                for (Node item : sequence(n)) {
                    String pointer = string(item);
                    if (!pointer.startsWith("/")) {
                        problems.error(
                                at(item),
                                key + " entry '" + pointer + "' is not a JSON pointer",
                                "write pointers into the error body that start with /, e.g. /error/message");
                    }
                }
            });
        }
        Optional<String> records = optional(f, "records").map(this::string);
        records.filter(p -> !p.isEmpty() && !p.startsWith("/"))
                .ifPresent(p -> problems.error(
                        at(f.get("records")),
                        "records '" + p + "' is not a JSON pointer",
                        "write a pointer into list answers that starts with /, e.g. /data (or \"\" for a bare"
                                + " array)"));
        Optional<String> instructions = optional(f, "instructions").map(this::string);
        Optional<String> keyCheck = optional(f, "key-check").map(this::string);
        return new ServerRules(
                name,
                optional(f, "display-name").map(this::string),
                prefix,
                baseUrl,
                header,
                credentialPrefix,
                optional(f, "credential-help").map(this::string),
                strings(f, "error-message"),
                strings(f, "error-code"),
                strings(f, "error-details"),
                strings(f, "rate-limit-headers")
                        .map(l ->
                                l.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()),
                records,
                instructions,
                instructions.isPresent() ? line(f.get("instructions")) : 0,
                keyCheck,
                keyCheck.isPresent() ? line(f.get("key-check")) : 0);
    }

    private Optional<List<String>> strings(Map<String, Node> fields, String key) {
        return optional(fields, key)
                .map(n -> sequence(n).stream().map(this::string).toList());
    }

    private Optional<Rule> parseRule(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(
                    at(node),
                    "a rule must be a mapping with a 'match' key",
                    "see docs/rules.md, 'The file at a glance'");
            return Optional.empty();
        }
        int before = problems.errorCount();
        Map<String, Node> f = fields(mapping, RULE_KEYS, "rule");
        RuleMatch match = new RuleMatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        if (!f.containsKey("match")) {
            problems.error(
                    at(node),
                    "the rule has no 'match'",
                    "add match: {operation: ...} or match: {tag: ...} or match: {path: ...}");
        } else {
            match = parseMatch(f.get("match"));
        }
        Optional<Boolean> expose = optional(f, "expose").map(this::bool);
        Optional<String> reason = optional(f, "reason").map(this::string);
        if (expose.equals(Optional.of(false)) && reason.isEmpty()) {
            problems.error(
                    at(node),
                    "a rule with expose: false needs a reason",
                    "add reason: \"...\" saying why these operations are not tools; the build summary shows it");
        }
        Optional<String> verb = optional(f, "verb").map(this::string);
        verb.filter(v -> !v.matches("[a-z][a-z0-9_]*"))
                .ifPresent(v -> problems.error(
                        at(f.get("verb")),
                        "verb '" + v + "' is not snake_case",
                        "use list, get, create, update, delete or a lower-case custom verb such as cancel"));
        Optional<String> access = optional(f, "access").map(this::string);
        access.filter(a -> !a.equals("read") && !a.equals("write"))
                .ifPresent(
                        a -> problems.error(at(f.get("access")), "access must be read or write, not '" + a + "'", ""));
        Optional<List<String>> tags = optional(f, "tags")
                .map(n -> sequence(n).stream().map(this::string).toList());
        Map<String, Boolean> hints = new LinkedHashMap<>();
        optional(f, "hints").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                fields(m, HINT_KEYS, "hints").forEach((k, v) -> hints.put(k, bool(v)));
            } else {
                problems.error(at(n), "hints must be a mapping", "for example: hints: {destructive: true}");
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
                problems.error(
                        at(n),
                        "arguments must be a mapping of argument name to kind",
                        "for example: arguments: {start: date-or-timestamp}");
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        optional(f, "headers").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    headers.put(string(t.getKeyNode()), string(t.getValueNode()));
                }
            } else {
                problems.error(
                        at(n),
                        "headers must be a mapping of header name to value",
                        "for example: headers: {cal-api-version: \"2024-08-13\"}");
            }
        });
        Optional<PagingRules> paging = optional(f, "paging").map(n -> parsePaging(n, false));
        Optional<AdvertisedRules> advertised = optional(f, "advertised").map(this::parseAdvertised);
        if (problems.errorCount() > before) {
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
                headers,
                paging,
                advertised));
    }

    private RuleMatch parseMatch(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(
                    at(node),
                    "match must be a mapping",
                    "for example: match: {operation: BookingsController_2024_08_13_getBookings}");
            return new RuleMatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Map<String, Node> f = fields(mapping, MATCH_KEYS, "match");
        if (f.isEmpty()) {
            problems.error(
                    at(node),
                    "match is empty, so the rule would apply to every operation",
                    "give at least one of " + new TreeSet<>(MATCH_KEYS));
        }
        Optional<String> method = optional(f, "method").map(n -> string(n).toUpperCase(Locale.ROOT));
        method.filter(m -> !HTTP_METHODS.contains(m))
                .ifPresent(m -> problems.error(
                        at(f.get("method")),
                        "unknown HTTP method '" + m + "'",
                        "use one of " + new TreeSet<>(HTTP_METHODS)));
        return new RuleMatch(
                optional(f, "operation").map(n -> Glob.ofName(string(n))),
                optional(f, "tag").map(n -> Glob.ofName(string(n))),
                optional(f, "path").map(n -> Glob.ofPath(string(n))),
                method);
    }

    private Optional<ValueKind> parseKind(Node node) {
        String text = string(node);
        Optional<ValueKind> named = ValueKind.fromRuleName(text);
        if (named.isPresent()) {
            return named;
        }
        List<String> names = new ArrayList<>();
        for (ValueKind kind : ValueKind.values()) {
            names.add(kind.ruleName());
        }
        problems.error(at(node), "unknown argument kind '" + text + "'", "use one of " + names);
        return Optional.empty();
    }

    private Map<String, Node> fields(MappingNode mapping, Set<String> allowed, String where) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = string(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                problems.error(
                        at(tuple.getKeyNode()),
                        "unknown key '" + key + "' in " + where,
                        "allowed keys: " + new TreeSet<>(allowed));
                continue;
            }
            out.put(key, tuple.getValueNode());
        }
        return out;
    }

    /** The line of {@code key} itself (a block mapping's value starts on the next line). */
    private static int keyLine(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return line(k);
            }
        }
        return line(mapping);
    }

    private static Optional<Node> optional(Map<String, Node> fields, String key) {
        return Optional.ofNullable(fields.get(key));
    }

    private List<Node> sequence(Node node) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return List.of(); // "rules:" with nothing after it
        }
        if (node instanceof ScalarNode) {
            return List.of(node);
        }
        problems.error(at(node), "expected a list", "write [a, b] or one '- item' per line");
        return List.of();
    }

    private String string(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.error(at(node), "expected a single value, found a " + kindOf(node), "");
        return "";
    }

    private boolean bool(Node node) {
        String value = string(node);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problems.error(at(node), "expected true or false, found '" + value + "'", "");
        return false;
    }

    private int integer(Node node) {
        String value = string(node);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.error(at(node), "expected a whole number, found '" + value + "'", "");
            return 1;
        }
    }

    private static String kindOf(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "value";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private Location at(Node node) {
        return Location.line(fileName, line(node));
    }
}

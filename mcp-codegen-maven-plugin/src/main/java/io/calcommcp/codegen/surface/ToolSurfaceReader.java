package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.surface.ToolSurfaceEntry.ArgumentRoute;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.ToolHints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

/**
 * Turns lock file text into a {@link ToolSurface}, collecting every problem with its location
 * ({@code tools[3] (name)}) instead of stopping at the first one.
 */
final class ToolSurfaceReader {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("formatVersion", "specSha256", "tools", "operations");
    private static final Set<String> ENTRY_KEYS = Set.of(
            "name",
            "operation",
            "method",
            "path",
            "access",
            "verb",
            "tags",
            "annotations",
            "headers",
            "arguments",
            "paging",
            "title",
            "description",
            "inputSchema");
    private static final Set<String> OPERATION_KEYS = Set.of("operation", "tool", "notExposed");
    private static final Set<String> PAGING_KEYS =
            Set.of("style", "limit", "offset", "records", "hasMore", "defaultLimit", "maxLimit");

    private final List<String> problems = new ArrayList<>();

    /**
     * Tool keys that later versions of the lock added, with what they record. A file where no tool
     * has one was written before that key existed: that is one problem for the file, not one per
     * tool, so that the update-mode warning about it stays readable.
     */
    private static final List<Map.Entry<String, String>> LATER_KEYS = List.of(
            Map.entry("annotations", "its MCP hints"),
            Map.entry("headers", "the constant headers its request sends"),
            Map.entry("arguments", "where its request sends its arguments"),
            Map.entry("verb", "what it does to its resource, which scoped URLs filter on"));

    /** Later keys that no tool has: already reported once for the file, not again per tool. */
    private final Set<String> missingFromEveryTool = new HashSet<>();

    private ToolSurfaceReader() {}

    static ToolSurface read(String json, String source) throws SurfaceFormatException {
        return new ToolSurfaceReader().readSurface(json, source);
    }

    private ToolSurface readSurface(String json, String source) throws SurfaceFormatException {
        if (json.isBlank()) {
            throw new SurfaceFormatException(source, List.of("the file is empty, expected a JSON object"));
        }
        JsonNode root;
        try {
            root = SurfaceJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new SurfaceFormatException(source, List.of(where + "not valid JSON: " + e.getOriginalMessage()));
        }
        if (!root.isObject()) {
            throw new SurfaceFormatException(source, List.of("expected a JSON object, found " + kind(root)));
        }
        unknownKeys(root, TOP_LEVEL_KEYS, "top level");
        JsonNode version = root.get("formatVersion");
        if (version == null) {
            problems.add("missing \"formatVersion\" (expected " + ToolSurface.FORMAT_VERSION + ")");
        } else if (!version.isInt() || version.intValue() != ToolSurface.FORMAT_VERSION) {
            // A newer plugin may have written it; guessing at its meaning could lose data on rewrite.
            problems.add("unsupported \"formatVersion\" " + version + " (this plugin reads version "
                    + ToolSurface.FORMAT_VERSION + ")");
        }
        Optional<String> specSha256 = Optional.empty();
        JsonNode sha = root.get("specSha256");
        if (sha != null) {
            if (sha.isTextual() && ToolSurface.SHA256.matcher(sha.asText()).matches()) {
                specSha256 = Optional.of(sha.asText());
            } else {
                problems.add("\"specSha256\" must be the spec's sha-256 as 64 lower-case hex digits, found " + sha);
            }
        }
        List<ToolSurfaceEntry> entries = new ArrayList<>();
        JsonNode tools = root.get("tools");
        if (tools == null) {
            problems.add("missing \"tools\" (an array)");
        } else if (!tools.isArray()) {
            problems.add("\"tools\" must be an array, found " + kind(tools));
        } else {
            for (Map.Entry<String, String> later : LATER_KEYS) {
                String key = later.getKey();
                if (!tools.isEmpty()
                        && StreamSupport.stream(tools.spliterator(), false).noneMatch(tool -> tool.has(key))) {
                    // One problem instead of one per tool: the whole file is older than the key.
                    missingFromEveryTool.add(key);
                    problems.add("no tool has \"" + key + "\" (" + later.getValue() + "): the file was written"
                            + " before the lock recorded them");
                }
            }
            Map<String, Integer> firstIndexOfName = new HashMap<>();
            for (int i = 0; i < tools.size(); i++) {
                ToolSurfaceEntry entry = readEntry(tools.get(i), i);
                if (entry == null) {
                    continue;
                }
                Integer first = firstIndexOfName.putIfAbsent(entry.name(), i);
                if (first != null) {
                    problems.add(at(i, tools.get(i)) + ": duplicate tool name (also tools[" + first + "])");
                } else {
                    entries.add(entry);
                }
            }
        }
        List<OperationEntry> operations = readOperations(root.get("operations"));
        if (problems.isEmpty()) {
            // Only meaningful once every entry was read: a broken entry would show up twice.
            problems.addAll(ToolSurface.inconsistencies(entries, operations));
        }
        if (!problems.isEmpty()) {
            throw new SurfaceFormatException(source, problems);
        }
        return new ToolSurface(entries, operations, specSha256);
    }

    private List<OperationEntry> readOperations(JsonNode array) {
        List<OperationEntry> operations = new ArrayList<>();
        if (array == null) {
            problems.add("missing \"operations\" (an array)");
            return operations;
        }
        if (!array.isArray()) {
            problems.add("\"operations\" must be an array, found " + kind(array));
            return operations;
        }
        Map<String, Integer> firstIndexOfOperation = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            OperationEntry entry = readOperation(array.get(i), i);
            if (entry == null) {
                continue;
            }
            Integer first = firstIndexOfOperation.putIfAbsent(entry.operation(), i);
            if (first != null) {
                problems.add(operationAt(i, array.get(i)) + ": duplicate operation (also operations[" + first + "])");
            } else {
                operations.add(entry);
            }
        }
        return operations;
    }

    /** Returns the entry, or null after recording why element {@code index} is not one. */
    private OperationEntry readOperation(JsonNode node, int index) {
        String at = operationAt(index, node);
        if (!node.isObject()) {
            problems.add(at + ": expected an object, found " + kind(node));
            return null;
        }
        int before = problems.size();
        unknownKeys(node, OPERATION_KEYS, at);
        String operation = text(node, "operation", at, true);
        boolean hasTool = node.has("tool");
        if (hasTool == node.has("notExposed")) {
            problems.add(at + ": needs exactly one of \"tool\" (the tool that calls it) and \"notExposed\" "
                    + "(why no tool does), found " + (hasTool ? "both" : "neither"));
            return null;
        }
        String value = text(node, hasTool ? "tool" : "notExposed", at, true);
        if (problems.size() > before) {
            return null;
        }
        return hasTool ? OperationEntry.exposed(operation, value) : OperationEntry.notExposed(operation, value);
    }

    /** Returns the entry, or null after recording why element {@code index} is not one. */
    private ToolSurfaceEntry readEntry(JsonNode node, int index) {
        String at = at(index, node);
        if (!node.isObject()) {
            problems.add(at + ": expected an object, found " + kind(node));
            return null;
        }
        int before = problems.size();
        unknownKeys(node, ENTRY_KEYS, at);
        String name = text(node, "name", at, true);
        String operation = text(node, "operation", at, true);
        String method = text(node, "method", at, true);
        String path = text(node, "path", at, true);
        Access access = access(node, at);
        String verb = missingFromEveryTool.contains("verb") ? null : text(node, "verb", at, true);
        List<String> tags = tags(node, at);
        ToolHints annotations = annotations(node, at);
        SortedMap<String, String> headers = headers(node, at);
        SortedMap<String, ArgumentRoute> arguments = arguments(node, at);
        String title = text(node, "title", at, false);
        String description = text(node, "description", at, false);
        JsonNode schema = node.get("inputSchema");
        if (schema == null || !schema.isObject()) {
            problems.add(at + ": \"inputSchema\" must be a JSON Schema object, "
                    + (schema == null ? "but it is missing" : "found " + kind(schema)));
        }
        Optional<Paging> paging = paging(node, at);
        if (problems.size() > before
                || verb == null
                || annotations == null
                || headers == null
                || arguments == null
                || paging == null) {
            return null;
        }
        String unrouted = ToolSurfaceEntry.unroutedArguments(arguments.keySet(), (ObjectNode) schema);
        if (!unrouted.isEmpty()) {
            problems.add(at + ": " + unrouted);
            return null;
        }
        String pagingProblem = ToolSurfaceEntry.pagingMismatch(arguments, paging);
        if (!pagingProblem.isEmpty()) {
            problems.add(at + ": " + pagingProblem);
            return null;
        }
        return new ToolSurfaceEntry(
                name,
                operation,
                method,
                path,
                access,
                verb,
                tags,
                annotations,
                headers,
                arguments,
                title,
                description,
                (ObjectNode) schema,
                paging);
    }

    /** The tool's paging: empty when it has none, null after recording what is wrong with it. */
    private Optional<Paging> paging(JsonNode entry, String at) {
        JsonNode node = entry.get("paging");
        if (node == null) {
            return Optional.empty();
        }
        String where = at + " (paging)";
        if (!node.isObject()) {
            problems.add(where + ": expected an object, found " + kind(node));
            return null;
        }
        int before = problems.size();
        unknownKeys(node, PAGING_KEYS, where);
        String style = text(node, "style", where, true);
        if (style != null && !style.equals("offset")) {
            problems.add(where + ": unknown \"style\" \"" + style + "\" (this plugin reads \"offset\")");
        }
        String limit = text(node, "limit", where, true);
        String offset = text(node, "offset", where, true);
        String records = text(node, "records", where, false);
        Optional<String> hasMore =
                node.has("hasMore") ? Optional.ofNullable(text(node, "hasMore", where, true)) : Optional.empty();
        Integer defaultLimit = count(node, "defaultLimit", where);
        Integer maxLimit = count(node, "maxLimit", where);
        if (problems.size() > before) {
            return null;
        }
        try {
            Paging paging = Paging.offset(limit, offset).records(records).limits(defaultLimit, maxLimit);
            return Optional.of(hasMore.map(paging::hasMore).orElse(paging));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    private Integer count(JsonNode entry, String key, String at) {
        JsonNode value = entry.get(key);
        if (value == null || !value.isInt() || value.intValue() < 1) {
            problems.add(at + ": \"" + key + "\" must be a whole number of at least 1, "
                    + (value == null ? "but it is missing" : "found " + value));
            return null;
        }
        return value.intValue();
    }

    private String text(JsonNode entry, String key, String at, boolean nonBlank) {
        JsonNode value = entry.get(key);
        if (value == null || !value.isTextual()) {
            problems.add(at + ": \"" + key + "\" must be a string, "
                    + (value == null ? "but it is missing" : "found " + kind(value)));
            return null;
        }
        if (nonBlank && value.textValue().isBlank()) {
            problems.add(at + ": \"" + key + "\" must not be blank");
        }
        return value.textValue();
    }

    private Access access(JsonNode entry, String at) {
        JsonNode value = entry.get("access");
        for (Access access : Access.values()) {
            if (value != null && access.label().equals(value.asText(null))) {
                return access;
            }
        }
        problems.add(at + ": \"access\" must be \"read\" or \"write\", "
                + (value == null ? "but it is missing" : "found " + value));
        return null;
    }

    private List<String> tags(JsonNode entry, String at) {
        JsonNode value = entry.get("tags");
        List<String> tags = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(tag -> tags.add(tag.isTextual() ? tag.textValue() : null));
        }
        if (value == null || !value.isArray() || tags.contains(null)) {
            problems.add(at + ": \"tags\" must be an array of strings, "
                    + (value == null ? "but it is missing" : "found " + value));
        }
        return tags;
    }

    /** The four MCP hints, each required and boolean; null after recording what is wrong. */
    private ToolHints annotations(JsonNode entry, String at) {
        JsonNode value = entry.get("annotations");
        if (value == null && missingFromEveryTool.contains("annotations")) {
            return null;
        }
        if (value == null || !value.isObject()) {
            problems.add(at + ": \"annotations\" must be an object of the boolean hints destructiveHint, "
                    + "idempotentHint, openWorldHint and readOnlyHint, "
                    + (value == null ? "but it is missing" : "found " + kind(value)));
            return null;
        }
        int before = problems.size();
        value.properties().stream()
                .map(Map.Entry::getKey)
                .filter(key -> !ToolSurfaceEntry.HINT_NAMES.contains(key))
                .sorted()
                .forEach(key -> problems.add(at + ": \"annotations\" has unknown key \"" + key + "\""));
        Map<String, Boolean> hints = new HashMap<>();
        for (String name : ToolSurfaceEntry.HINT_NAMES) {
            JsonNode hint = value.get(name);
            if (hint == null || !hint.isBoolean()) {
                problems.add(at + ": \"annotations\" key \"" + name + "\" must be true or false, "
                        + (hint == null ? "but it is missing" : "found " + scalarOrKind(hint)));
            } else {
                hints.put(name, hint.booleanValue());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ToolHints(
                hints.get("readOnlyHint"),
                hints.get("destructiveHint"),
                hints.get("idempotentHint"),
                hints.get("openWorldHint"));
    }

    /** The constant headers, names to string values; null after recording what is wrong. */
    private SortedMap<String, String> headers(JsonNode entry, String at) {
        JsonNode value = entry.get("headers");
        if (value == null && missingFromEveryTool.contains("headers")) {
            return null;
        }
        if (value == null || !value.isObject()) {
            problems.add(at + ": \"headers\" must be an object of header names and their values (strings), "
                    + (value == null ? "but it is missing" : "found " + kind(value)));
            return null;
        }
        int before = problems.size();
        SortedMap<String, String> headers = new TreeMap<>();
        value.properties().forEach(header -> {
            if (header.getKey().isBlank()) {
                problems.add(at + ": \"headers\" has a blank header name");
            } else if (!header.getValue().isTextual()) {
                problems.add(at + ": \"headers\" key \"" + header.getKey() + "\" must be a string, found "
                        + scalarOrKind(header.getValue()));
            } else {
                headers.put(header.getKey(), header.getValue().textValue());
            }
        });
        return problems.size() > before ? null : headers;
    }

    /** Where each argument goes, by argument name; null after recording what is wrong. */
    private SortedMap<String, ArgumentRoute> arguments(JsonNode entry, String at) {
        JsonNode value = entry.get("arguments");
        if (value == null && missingFromEveryTool.contains("arguments")) {
            return null;
        }
        if (value == null || !value.isObject()) {
            problems.add(at + ": \"arguments\" must be an object of argument names and where each goes (\"query\","
                    + " \"body:id\", ...), " + (value == null ? "but it is missing" : "found " + kind(value)));
            return null;
        }
        int before = problems.size();
        SortedMap<String, ArgumentRoute> arguments = new TreeMap<>();
        value.properties().forEach(argument -> {
            String name = argument.getKey();
            JsonNode route = argument.getValue();
            if (!route.isTextual()) {
                problems.add(at + ": \"arguments\" key \"" + name + "\" must be a string (" + ArgumentRoute.LOCATIONS
                        + ", optionally :wireName), found " + scalarOrKind(route));
                return;
            }
            try {
                arguments.put(name, ArgumentRoute.fromJson(name, route.textValue()));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": \"arguments\" key \"" + name + "\": " + e.getMessage());
            }
        });
        return problems.size() > before ? null : arguments;
    }

    /** A scalar as written ({@code 3}, {@code null}), a container by its kind ({@code object}). */
    private static String scalarOrKind(JsonNode node) {
        return node.isContainerNode() ? kind(node) : node.toString();
    }

    private void unknownKeys(JsonNode object, Set<String> known, String at) {
        // Rejected rather than ignored: rewriting the file would silently drop them.
        object.properties().stream()
                .map(Map.Entry::getKey)
                .filter(key -> !known.contains(key))
                .sorted()
                .forEach(key -> problems.add(at + ": unknown key \"" + key + "\""));
    }

    /** Location label of a tools element, with its name when it has one, e.g. {@code tools[2] (get_me)}. */
    private static String at(int index, JsonNode entry) {
        JsonNode name = entry.get("name");
        return "tools[" + index + "]" + (name != null && name.isTextual() ? " (" + name.textValue() + ")" : "");
    }

    /** Location label of an operations element, e.g. {@code operations[4] (MeController_getMe)}. */
    private static String operationAt(int index, JsonNode entry) {
        JsonNode id = entry.get("operation");
        return "operations[" + index + "]" + (id != null && id.isTextual() ? " (" + id.textValue() + ")" : "");
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}

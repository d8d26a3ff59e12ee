package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The whole tool surface: every exposed tool, sorted by name, and every operation of the spec with
 * the tool it became or why it is not exposed. This is the content of the lock file {@code
 * calcom-openapi/tools.lock.json}.
 *
 * <p>The file format (version {@value #FORMAT_VERSION}) is a JSON object {@code {"formatVersion":
 * 1, "specSha256": "...", "tools": [...], "operations": [...]}}. {@code specSha256} is the
 * sha-256 (64 lower-case hex digits) of the spec the surface was generated from, absent in locks
 * written before it was recorded: a build finds that spec in its download cache by it, and update
 * mode rewrites it with the surface. It is not part of the surface: two specs with the same tools
 * have the same surface, whatever their sha-256. Each tool has the keys {@code name, operation, method,
 * path, access, verb, tags, annotations, headers, arguments, paging, title, description, inputSchema}
 * in that order ({@code paging} only for tools that page); {@code annotations} is an object of the four MCP hints {@code destructiveHint,
 * idempotentHint, openWorldHint, readOnlyHint} (booleans, in that order); {@code headers} maps
 * each constant header to its value, e.g. {@code {"cal-api-version": "2024-08-13"}}; {@code
 * arguments} maps each argument of the input schema to where it goes, spelled as {@link
 * ToolSurfaceEntry.ArgumentRoute#toJson} does ({@code "query"}, {@code "body:id"}, {@code
 * "wholeBody"}, {@code "paging"}); both are sorted by name, and the schema's keys are sorted
 * recursively. {@code paging} is {@code {"style": "offset", "limit": "take", "offset": "skip",
 * "records": "/data", "hasMore": "/pagination/hasNextPage", "defaultLimit": 100, "maxLimit": 250}}
 * ({@code hasMore} absent when a full page is taken to mean there may be more). Each operation is {@code {"operation": id, "tool": name}} or {@code
 * {"operation": id, "notExposed": reason}}, sorted by id. The file is written with 2-space
 * indentation and a trailing newline, so the same surface always produces the same bytes and git
 * diffs show only real changes.
 *
 * <p>Tools and operations must agree: every tool's operation is listed as exposed by that tool,
 * and every exposed operation names a tool that calls it.
 *
 * @param tools the tools; stored sorted by name, names must be unique
 * @param operations every operation of the spec; stored sorted by id, ids must be unique
 * @param specSha256 the sha-256 of the spec it was generated from, if known
 */
public record ToolSurface(List<ToolSurfaceEntry> tools, List<OperationEntry> operations, Optional<String> specSha256) {

    /** The lock file format this class reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /** How {@link #specSha256} is spelled. */
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ToolSurface {
        List<ToolSurfaceEntry> sortedTools = new ArrayList<>(Objects.requireNonNull(tools, "tools"));
        sortedTools.sort(Comparator.comparing(ToolSurfaceEntry::name));
        for (int i = 1; i < sortedTools.size(); i++) {
            if (sortedTools.get(i).name().equals(sortedTools.get(i - 1).name())) {
                throw new IllegalArgumentException(
                        "duplicate tool name: " + sortedTools.get(i).name());
            }
        }
        List<OperationEntry> sortedOperations = new ArrayList<>(Objects.requireNonNull(operations, "operations"));
        sortedOperations.sort(Comparator.comparing(OperationEntry::operation));
        for (int i = 1; i < sortedOperations.size(); i++) {
            if (sortedOperations
                    .get(i)
                    .operation()
                    .equals(sortedOperations.get(i - 1).operation())) {
                throw new IllegalArgumentException(
                        "duplicate operation: " + sortedOperations.get(i).operation());
            }
        }
        List<String> inconsistencies = inconsistencies(sortedTools, sortedOperations);
        if (!inconsistencies.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", inconsistencies));
        }
        tools = List.copyOf(sortedTools);
        operations = List.copyOf(sortedOperations);
        Objects.requireNonNull(specSha256, "specSha256");
        specSha256.ifPresent(sha -> {
            if (!SHA256.matcher(sha).matches()) {
                throw new IllegalArgumentException("specSha256 must be 64 lower-case hex digits: " + sha);
            }
        });
    }

    /** A surface whose spec is not known. */
    public ToolSurface(List<ToolSurfaceEntry> tools, List<OperationEntry> operations) {
        this(tools, operations, Optional.empty());
    }

    /** The same surface, recorded as generated from the spec with {@code sha256}. */
    public ToolSurface withSpecSha256(Optional<String> sha256) {
        return new ToolSurface(tools, operations, sha256);
    }

    /**
     * The spec sha-256 that the lock file {@code lockFile} records, if it exists, is JSON and records
     * one. Nothing else of the file is checked: a lock the check would refuse can still say which
     * spec it was made from.
     */
    public static Optional<String> recordedSpecSha256(Path lockFile) {
        try {
            JsonNode sha = SurfaceJson.MAPPER
                    .readTree(Files.readString(lockFile, StandardCharsets.UTF_8))
                    .path("specSha256");
            return sha.isTextual() && SHA256.matcher(sha.asText()).matches()
                    ? Optional.of(sha.asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A surface of just these tools, each operation exposed by its tool and no others: for
     * surfaces that do not come from a whole spec, such as tests.
     */
    public ToolSurface(List<ToolSurfaceEntry> tools) {
        this(
                tools,
                tools.stream()
                        .map(tool -> OperationEntry.exposed(tool.operation(), tool.name()))
                        .toList());
    }

    /** A surface without tools or operations: the baseline when no lock file exists yet. */
    public static ToolSurface empty() {
        return new ToolSurface(List.of(), List.of());
    }

    /**
     * Where tools and operations disagree, one message each; empty if they agree. Shared by the
     * constructor and the lock file reader, which reports these like any other problem in the file.
     */
    static List<String> inconsistencies(List<ToolSurfaceEntry> tools, List<OperationEntry> operations) {
        Map<String, OperationEntry> byOperation = new HashMap<>();
        operations.forEach(entry -> byOperation.putIfAbsent(entry.operation(), entry));
        Map<String, ToolSurfaceEntry> byName = new HashMap<>();
        tools.forEach(tool -> byName.putIfAbsent(tool.name(), tool));
        List<String> problems = new ArrayList<>();
        for (ToolSurfaceEntry tool : tools) {
            OperationEntry entry = byOperation.get(tool.operation());
            if (entry == null) {
                problems.add("tool " + tool.name() + " calls operation " + tool.operation()
                        + ", which is missing from \"operations\"");
            } else if (!entry.tool().equals(Optional.of(tool.name()))) {
                problems.add("tool " + tool.name() + " calls operation " + tool.operation() + ", but \"operations\" "
                        + entry.tool()
                                .map(other -> "says tool " + other + " calls it")
                                .orElse("says it is not exposed"));
            }
        }
        for (OperationEntry entry : operations) {
            entry.tool().ifPresent(name -> {
                ToolSurfaceEntry tool = byName.get(name);
                if (tool == null) {
                    problems.add("operation " + entry.operation() + " is exposed as tool " + name
                            + ", which is missing from \"tools\"");
                } else if (!tool.operation().equals(entry.operation())) {
                    problems.add("operation " + entry.operation() + " is exposed as tool " + name
                            + ", but that tool calls operation " + tool.operation());
                }
            });
        }
        return problems;
    }

    /** The tool called {@code name}, if there is one. */
    public Optional<ToolSurfaceEntry> tool(String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    /**
     * Reads a lock file.
     *
     * @throws SurfaceFormatException if the file is not UTF-8, not JSON or not a valid surface; the
     *     message names the file and each problem
     * @throws IOException if the file cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static ToolSurface read(Path file) throws IOException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new SurfaceFormatException(file.toString(), List.of("not valid UTF-8 text"));
        }
        return parse(json, file.toString());
    }

    /** Parses lock file text; errors are labelled "tool surface". */
    public static ToolSurface parse(String json) throws SurfaceFormatException {
        return parse(json, "tool surface");
    }

    /** Parses lock file text; {@code source} (usually the file name) starts every error message. */
    public static ToolSurface parse(String json, String source) throws SurfaceFormatException {
        return ToolSurfaceReader.read(json, source);
    }

    /**
     * The lock file text; equal surfaces give identical text. Writing the file is the caller's
     * business: the check writes it with the generator's one atomic file writer.
     */
    public String toJson() {
        ObjectNode root = SurfaceJson.MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        specSha256.ifPresent(sha -> root.put("specSha256", sha));
        ArrayNode array = root.putArray("tools");
        for (ToolSurfaceEntry tool : tools) {
            ObjectNode node = array.addObject();
            node.put("name", tool.name());
            node.put("operation", tool.operation());
            node.put("method", tool.method());
            node.put("path", tool.path());
            node.put("access", tool.access().label());
            node.put("verb", tool.verb());
            ArrayNode tags = node.putArray("tags");
            tool.tags().forEach(tags::add);
            ObjectNode annotations = node.putObject("annotations");
            tool.hintsByName().forEach(annotations::put);
            ObjectNode headers = node.putObject("headers");
            tool.headers().forEach(headers::put);
            ObjectNode arguments = node.putObject("arguments");
            tool.argumentsAsJson().forEach(arguments::put);
            tool.paging().ifPresent(paging -> node.set("paging", SurfaceJson.paging(paging)));
            node.put("title", tool.title());
            node.put("description", tool.description());
            node.set("inputSchema", tool.inputSchema());
        }
        ArrayNode operationArray = root.putArray("operations");
        for (OperationEntry operation : operations) {
            ObjectNode node = operationArray.addObject();
            node.put("operation", operation.operation());
            operation.tool().ifPresent(tool -> node.put("tool", tool));
            operation.notExposed().ifPresent(reason -> node.put("notExposed", reason));
        }
        return SurfaceJson.pretty(root);
    }
}

package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.Hint;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.ToolHints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One tool as a model sees it, plus the request it is bound to: a single entry of the lock file.
 *
 * <p>Instances are immutable. {@code tags} are stored sorted and without duplicates (they act as a
 * set for URL scoping); {@code headers} and {@code arguments} are stored sorted by name; {@code
 * inputSchema} is stored as a private canonical copy with object keys sorted recursively, so two
 * entries built from differently ordered schemas are equal.
 *
 * <p>{@code arguments} routes exactly the input schema's top-level properties: each argument the
 * model may pass has one place in the request, and nothing else is routed.
 *
 * @param name the MCP tool name, e.g. {@code list_all_calcom_bookings}
 * @param operation the OpenAPI {@code operationId} the tool calls
 * @param method the HTTP method, upper case, e.g. {@code GET}
 * @param path the OpenAPI path template, e.g. {@code /v2/bookings/{bookingUid}}
 * @param access whether the tool reads or writes; decides visibility on read-only scoped URLs
 * @param verb what the tool does to its resource ({@code list}, {@code cancel}, ...); scoped URLs
 *     can name verbs
 * @param tags resource tags that scoped URLs filter on
 * @param hints the MCP tool annotations clients act on, e.g. asking before a destructive call
 * @param headers the headers sent with a fixed value on every call, e.g. {@code cal-api-version};
 *     credentials are not among them
 * @param arguments where each argument goes in the request, by argument name
 * @param title the human-readable title; empty if the tool has none
 * @param description the description shown to the model; empty if the tool has none
 * @param inputSchema the JSON Schema of the tool's arguments
 * @param paging how the tool pages, if it does: the API's paging parameters the server fills in
 *     from {@code limit} and {@code next_cursor}, where the records are, how the end is seen, and
 *     the page sizes
 */
public record ToolSurfaceEntry(
        String name,
        String operation,
        String method,
        String path,
        Access access,
        String verb,
        List<String> tags,
        ToolHints hints,
        SortedMap<String, String> headers,
        SortedMap<String, ArgumentRoute> arguments,
        String title,
        String description,
        ObjectNode inputSchema,
        Optional<Paging> paging) {

    /** The lock file's names of the MCP hints, in the order it writes them (sorted). */
    public static final List<String> HINT_NAMES =
            Arrays.stream(Hint.values()).map(Hint::mcpName).sorted().toList();

    /** The hints by their MCP names, sorted by name, as the lock file writes them. */
    public SortedMap<String, Boolean> hintsByName() {
        SortedMap<String, Boolean> byName = new TreeMap<>();
        for (Hint hint : Hint.values()) {
            byName.put(hint.mcpName(), hints.has(hint));
        }
        return byName;
    }

    /**
     * Where one argument goes in the request: its location and the name the API expects there.
     * The whole-body location has no wire name (it is the empty string).
     *
     * @param location the part of the request
     * @param wireName the parameter, header or body property name the API expects
     */
    public record ArgumentRoute(ArgumentLocation location, String wireName) {

        /** Separates the location from a wire name that differs from the argument name. */
        public static final char SEPARATOR = ':';

        public ArgumentRoute {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(wireName, "wireName");
            if (location == ArgumentLocation.WHOLE_BODY && !wireName.isEmpty()) {
                throw new IllegalArgumentException("the whole body has no wire name, found \"" + wireName + "\"");
            }
            if (location != ArgumentLocation.WHOLE_BODY && wireName.isBlank()) {
                throw new IllegalArgumentException(
                        "the wire name of a " + location.label() + " argument must not be blank");
            }
        }

        /** The argument is the whole request body. */
        public static ArgumentRoute wholeBody() {
            return new ArgumentRoute(ArgumentLocation.WHOLE_BODY, "");
        }

        /**
         * The lock file spelling for argument {@code argument}: the location alone when the wire
         * name is the argument's name (or for the whole body), else {@code location:wireName}, e.g.
         * {@code query}, {@code body:id}, {@code wholeBody}.
         */
        public String toJson(String argument) {
            return location == ArgumentLocation.WHOLE_BODY || wireName.equals(argument)
                    ? location.label()
                    : location.label() + SEPARATOR + wireName;
        }

        /**
         * Reads the spelling {@link #toJson} writes. The location ends at the first {@code :}, so
         * a wire name may contain one.
         *
         * @throws IllegalArgumentException saying what is wrong with {@code text}
         */
        public static ArgumentRoute fromJson(String argument, String text) {
            int separator = text.indexOf(SEPARATOR);
            String word = separator < 0 ? text : text.substring(0, separator);
            for (ArgumentLocation location : ArgumentLocation.values()) {
                if (location.label().equals(word)) {
                    if (location == ArgumentLocation.WHOLE_BODY) {
                        if (separator >= 0) {
                            throw new IllegalArgumentException(
                                    "\"" + text + "\": the whole body has no wire name, write \"" + word + "\"");
                        }
                        return wholeBody();
                    }
                    String wire = separator < 0 ? argument : text.substring(separator + 1);
                    if (wire.isBlank()) {
                        throw new IllegalArgumentException(
                                "\"" + text + "\": the wire name after \"" + SEPARATOR + "\" must not be blank");
                    }
                    return new ArgumentRoute(location, wire);
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not a location: expected " + LOCATIONS
                    + ", optionally followed by " + SEPARATOR + "wireName (\"wholeBody\" alone)");
        }

        /** The location spellings, for messages. */
        static final String LOCATIONS = "path, query, header, body, wholeBody or paging";

        /**
         * How a person reads it: {@code query parameter `take`}, {@code the whole body}. Names are
         * wrapped by {@code quote}.
         */
        String describe(UnaryOperator<String> quote) {
            return location == ArgumentLocation.WHOLE_BODY
                    ? "the " + location.description()
                    : location.description() + " " + quote.apply(wireName);
        }
    }

    public ToolSurfaceEntry {
        requireText(name, "name");
        requireText(operation, "operation");
        requireText(method, "method");
        requireText(path, "path");
        Objects.requireNonNull(access, "access");
        requireText(verb, "verb");
        tags = List.copyOf(new TreeSet<>(Objects.requireNonNull(tags, "tags")));
        Objects.requireNonNull(hints, "hints");
        headers = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(headers, "headers")));
        headers.forEach((header, value) -> {
            requireText(header, "header name");
            Objects.requireNonNull(value, "value of header " + header);
        });
        arguments = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(arguments, "arguments")));
        arguments.values().forEach(route -> Objects.requireNonNull(route, "argument route"));
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        inputSchema = (ObjectNode) SurfaceJson.canonical(Objects.requireNonNull(inputSchema, "inputSchema"));
        String unrouted = unroutedArguments(arguments.keySet(), inputSchema);
        if (!unrouted.isEmpty()) {
            throw new IllegalArgumentException("tool " + name + ": " + unrouted);
        }
        Objects.requireNonNull(paging, "paging");
        String pagingProblem = pagingMismatch(arguments, paging);
        if (!pagingProblem.isEmpty()) {
            throw new IllegalArgumentException("tool " + name + ": " + pagingProblem);
        }
    }

    /**
     * What disagrees between the paging arguments and the paging, or the empty string: a tool
     * that pages routes {@code limit} and {@code next_cursor} to paging, and only such a tool has
     * paging arguments. Shared with the lock file reader.
     */
    static String pagingMismatch(SortedMap<String, ArgumentRoute> arguments, Optional<Paging> paging) {
        Set<String> pagingArguments = new TreeSet<>();
        arguments.forEach((argument, route) -> {
            if (route.location() == ArgumentLocation.PAGING) {
                pagingArguments.add(argument);
            }
        });
        Set<String> expected = paging.isPresent() ? Set.of(Paging.LIMIT, Paging.CURSOR) : Set.of();
        if (pagingArguments.equals(expected)) {
            return "";
        }
        return paging.isPresent()
                ? "a tool that pages routes exactly \"" + Paging.LIMIT + "\" and \"" + Paging.CURSOR
                        + "\" to paging, found " + quoted(pagingArguments)
                : "\"arguments\" routes " + quoted(pagingArguments) + " to paging, but the tool has no \"paging\"";
    }

    /**
     * What disagrees between the routed arguments and the input schema's properties, or the empty
     * string if each property has exactly one route. Shared with the lock file reader.
     */
    static String unroutedArguments(Set<String> routed, ObjectNode inputSchema) {
        Set<String> properties = new TreeSet<>();
        JsonNode schemaProperties = inputSchema.path("properties");
        if (schemaProperties.isObject()) {
            schemaProperties.fieldNames().forEachRemaining(properties::add);
        }
        Set<String> missing = new TreeSet<>(properties);
        missing.removeAll(routed);
        Set<String> extra = new TreeSet<>(routed);
        extra.removeAll(properties);
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("\"arguments\" has no route for " + quoted(missing) + " of the input schema");
        }
        if (!extra.isEmpty()) {
            parts.add("\"arguments\" routes " + quoted(extra) + ", which the input schema does not have");
        }
        return String.join("; ", parts);
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    /** The routes in the lock file's spelling, by argument name (see {@link ArgumentRoute#toJson}). */
    public SortedMap<String, String> argumentsAsJson() {
        SortedMap<String, String> spelled = new TreeMap<>();
        for (Map.Entry<String, ArgumentRoute> argument : arguments.entrySet()) {
            spelled.put(argument.getKey(), argument.getValue().toJson(argument.getKey()));
        }
        return spelled;
    }

    /** Returns a copy of the canonical input schema; changing it does not change this entry. */
    @Override
    public ObjectNode inputSchema() {
        return inputSchema.deepCopy();
    }

    private static void requireText(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}

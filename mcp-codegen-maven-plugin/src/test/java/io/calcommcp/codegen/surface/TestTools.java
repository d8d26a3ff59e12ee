package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.ToolHints;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Small hand-written surfaces for the tests. */
final class TestTools {

    /** Single quotes keep inline schemas readable: {@code json("{'type':'string'}")}. */
    private static final ObjectMapper LENIENT =
            new ObjectMapper().configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true);

    private TestTools() {}

    static ObjectNode json(String json) {
        try {
            return (ObjectNode) LENIENT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tool tool(String name) {
        return new Tool(name);
    }

    static ToolSurface surface(Tool... tools) {
        return new ToolSurface(Arrays.stream(tools).map(Tool::build).collect(Collectors.toList()));
    }

    /** One line per change: mark, kind, tool, [argument], message. Compact and exact to assert on. */
    static List<String> describe(List<SurfaceChange> changes) {
        return changes.stream()
                .map(c -> (c.breaking() ? "BREAKING " : "compatible ") + c.kind() + " " + c.tool()
                        + c.argument().map(a -> " [" + a + "]").orElse("") + ": " + c.message())
                .collect(Collectors.toList());
    }

    /** Diff of one tool whose input schema changes from {@code before} to {@code after}. */
    static List<String> schemaDiff(String before, String after) {
        return describe(SurfaceDiff.between(
                surface(tool("t").schema(before)), surface(tool("t").schema(after))));
    }

    /** Mutable builder with defaults so a test only states what it is about. */
    static final class Tool {
        private String name;
        private String operation;
        private String method = "GET";
        private String path;
        private Access access = Access.READ;
        private String verb = "list";
        private List<String> tags = List.of("bookings");
        private ToolHints annotations = new ToolHints(true, false, true, true);
        private Map<String, String> headers = Map.of();
        /** Routes set by a test; every other argument of the schema is a query parameter of its name. */
        private final Map<String, String> routes = new TreeMap<>();

        private String title = "Title";
        private String description = "Description.";
        private Optional<Paging> paging = Optional.empty();
        private ObjectNode schema = json("{'type':'object','properties':{}}");

        private Tool(String name) {
            this.name = name;
            this.operation = "Op_" + name;
            this.path = "/v2/" + name;
        }

        Tool name(String value) {
            name = value;
            return this;
        }

        Tool operation(String value) {
            operation = value;
            return this;
        }

        Tool method(String value) {
            method = value;
            return this;
        }

        Tool path(String value) {
            path = value;
            return this;
        }

        Tool access(Access value) {
            access = value;
            return this;
        }

        Tool verb(String value) {
            verb = value;
            return this;
        }

        Tool tags(String... values) {
            tags = List.of(values);
            return this;
        }

        /** The hints in MCP's order: readOnly, destructive, idempotent, openWorld. */
        Tool annotations(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
            annotations = new ToolHints(readOnly, destructive, idempotent, openWorld);
            return this;
        }

        /** Constant headers as name, value, name, value, ... */
        Tool headers(String... nameValuePairs) {
            Map<String, String> map = new TreeMap<>();
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                map.put(nameValuePairs[i], nameValuePairs[i + 1]);
            }
            headers = map;
            return this;
        }

        /** Routes {@code argument} as the lock spells it, e.g. {@code route("id", "body:uid")}. */
        Tool route(String argument, String spelled) {
            routes.put(argument, spelled);
            return this;
        }

        Tool title(String value) {
            title = value;
            return this;
        }

        Tool description(String value) {
            description = value;
            return this;
        }

        Tool schema(String value) {
            schema = json(value);
            return this;
        }

        /** Pages as {@code how} says; give it the routes {@code limit} and {@code next_cursor} to paging too. */
        Tool paging(Paging how) {
            this.paging = Optional.of(how);
            return this;
        }

        ToolSurfaceEntry build() {
            SortedMap<String, ToolSurfaceEntry.ArgumentRoute> arguments = new TreeMap<>();
            schema.path("properties")
                    .fieldNames()
                    .forEachRemaining(argument -> arguments.put(
                            argument,
                            ToolSurfaceEntry.ArgumentRoute.fromJson(argument, routes.getOrDefault(argument, "query"))));
            // A route for an argument the schema lacks is kept, for tests of that mistake.
            routes.forEach((argument, spelled) ->
                    arguments.putIfAbsent(argument, ToolSurfaceEntry.ArgumentRoute.fromJson(argument, spelled)));
            return new ToolSurfaceEntry(
                    name,
                    operation,
                    method,
                    path,
                    access,
                    verb,
                    tags,
                    annotations,
                    new TreeMap<>(headers),
                    arguments,
                    title,
                    description,
                    schema,
                    paging);
        }
    }
}

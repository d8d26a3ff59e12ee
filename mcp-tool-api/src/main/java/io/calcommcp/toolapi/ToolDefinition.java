package io.calcommcp.toolapi;

import java.util.List;
import java.util.Objects;

/**
 * One MCP tool: what the model sees (name, title, description, input schema, annotations) and the
 * request it sends (the route). Generated tool classes build theirs with {@link #builder}.
 *
 * @param name the MCP tool name: snake_case, at most 64 characters
 * @param title a short title for people
 * @param description what the tool does, written for a model
 * @param operationId the OpenAPI operation the tool calls
 * @param verb what the tool does to its resource: {@code list}, {@code get}, {@code create},
 *     {@code update}, {@code delete} or a custom verb such as {@code cancel}; scoped server URLs
 *     can filter on it
 * @param access whether the tool only reads or may change data
 * @param tags resource tags, which scoped server URLs filter on
 * @param hints the MCP annotations
 * @param inputSchema the JSON Schema (2020-12) of the tool's flat arguments, as JSON text: what
 *     every call is checked against
 * @param route how the arguments become the HTTP request
 * @param advertised what {@code tools/list} shows the model instead of the full description and
 *     schema
 */
public record ToolDefinition(
        String name,
        String title,
        String description,
        String operationId,
        String verb,
        Access access,
        List<String> tags,
        ToolHints hints,
        String inputSchema,
        Route route,
        Advertised advertised) {

    /**
     * The tool as {@code tools/list} shows it: a shorter description and a schema that never
     * rejects what {@link #inputSchema()} accepts, but may summarize deep structures.
     *
     * @param description the description shown
     * @param inputSchema the input schema shown, as JSON text
     * @param tokens what the advertised tool costs a model, in o200k tokens, as the generator counted it
     */
    public record Advertised(String description, String inputSchema, int tokens) {
        public Advertised {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(inputSchema, "inputSchema");
        }
    }

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(access, "access");
        tags = List.copyOf(tags);
        Objects.requireNonNull(hints, "hints");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(advertised, "advertised");
    }

    /** Starts a definition of the tool called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects a definition's parts by name; {@link #build} checks that none is missing. */
    public static final class Builder {
        private final String name;
        private String title;
        private String description;
        private String operationId;
        private String verb;
        private Access access;
        private List<String> tags = List.of();
        private ToolHints hints = ToolHints.of();
        private String inputSchema;
        private Route route;
        private Advertised advertised;

        private Builder(String name) {
            this.name = name;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder operation(String value) {
            this.operationId = value;
            return this;
        }

        public Builder verb(String value) {
            this.verb = value;
            return this;
        }

        public Builder access(Access value) {
            this.access = value;
            return this;
        }

        public Builder tags(String... values) {
            this.tags = List.of(values);
            return this;
        }

        /** The hints that are set; every other one is false. */
        public Builder hints(Hint... values) {
            this.hints = ToolHints.of(values);
            return this;
        }

        public Builder inputSchema(String value) {
            this.inputSchema = value;
            return this;
        }

        public Builder route(Route value) {
            this.route = value;
            return this;
        }

        /** What {@code tools/list} shows; without it, the full description and schema. */
        public Builder advertised(String shownDescription, String shownSchema, int tokens) {
            this.advertised = new Advertised(shownDescription, shownSchema, tokens);
            return this;
        }

        public ToolDefinition build() {
            Advertised shown = advertised != null || description == null || inputSchema == null
                    ? advertised
                    : new Advertised(description, inputSchema, 0);
            return new ToolDefinition(
                    name, title, description, operationId, verb, access, tags, hints, inputSchema, route, shown);
        }
    }
}

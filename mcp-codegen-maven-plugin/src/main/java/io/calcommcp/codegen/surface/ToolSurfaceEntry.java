package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One tool as a model sees it, plus the request it is bound to: a single entry of the lock file.
 *
 * <p>Instances are immutable. {@code tags} are stored sorted and without duplicates (they act as a
 * set for URL scoping); {@code inputSchema} is stored as a private canonical copy with object keys
 * sorted recursively, so two entries built from differently ordered schemas are equal.
 *
 * @param name the MCP tool name, e.g. {@code list_all_calcom_bookings}
 * @param operation the OpenAPI {@code operationId} the tool calls
 * @param method the HTTP method, upper case, e.g. {@code GET}
 * @param path the OpenAPI path template, e.g. {@code /v2/bookings/{bookingUid}}
 * @param access whether the tool reads or writes; decides visibility on read-only scoped URLs
 * @param tags resource tags that scoped URLs filter on
 * @param annotations the MCP tool annotations clients act on, e.g. asking before a destructive call
 * @param title the human-readable title; empty if the tool has none
 * @param description the description shown to the model; empty if the tool has none
 * @param inputSchema the JSON Schema of the tool's arguments
 */
public record ToolSurfaceEntry(
        String name,
        String operation,
        String method,
        String path,
        Access access,
        List<String> tags,
        Annotations annotations,
        String title,
        String description,
        ObjectNode inputSchema) {

    /** Whether a tool reads or changes data, as used by a scoped URL's {@code config.methods}. */
    public enum Access {
        READ,
        WRITE;

        /** The spelling used in the lock file: {@code read} or {@code write}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The MCP tool annotations of a tool, named as MCP names them. Clients act on them: ChatGPT asks
     * for confirmation before calling a tool that is not read-only, and a destructive tool is
     * treated as dangerous.
     *
     * @param readOnlyHint the tool does not change anything
     * @param destructiveHint a change may destroy or overwrite data
     * @param idempotentHint calling it again with the same arguments has no further effect
     * @param openWorldHint the tool reaches outside systems (Cal.com and its calendars)
     */
    public record Annotations(
            boolean readOnlyHint, boolean destructiveHint, boolean idempotentHint, boolean openWorldHint) {

        /** The hint names, in the order the lock file writes them (sorted). */
        public static final List<String> NAMES =
                List.of("destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint");

        /** The hints by name, sorted by name. */
        public SortedMap<String, Boolean> byName() {
            SortedMap<String, Boolean> hints = new TreeMap<>();
            hints.put("destructiveHint", destructiveHint);
            hints.put("idempotentHint", idempotentHint);
            hints.put("openWorldHint", openWorldHint);
            hints.put("readOnlyHint", readOnlyHint);
            return hints;
        }
    }

    public ToolSurfaceEntry {
        requireText(name, "name");
        requireText(operation, "operation");
        requireText(method, "method");
        requireText(path, "path");
        Objects.requireNonNull(access, "access");
        tags = List.copyOf(new TreeSet<>(Objects.requireNonNull(tags, "tags")));
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        inputSchema = (ObjectNode) SurfaceJson.canonical(Objects.requireNonNull(inputSchema, "inputSchema"));
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

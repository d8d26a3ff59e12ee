package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.calcommcp.toolapi.Paging;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** JSON conventions of the lock file: strict reading, canonical trees, stable pretty printing. */
final class SurfaceJson {

    /** Duplicate keys and trailing garbage are errors: a lock file must mean one thing. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SurfaceJson() {}

    /**
     * Returns a fresh copy of {@code node} with object keys sorted recursively and numbers in the
     * form the parser produces (a long-typed 5 becomes the int 5), so that a tree built in memory
     * equals the same tree read back from its JSON text.
     */
    static JsonNode canonical(JsonNode node) {
        JsonNode reparsed;
        try {
            reparsed = MAPPER.readTree(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON: " + e.getOriginalMessage(), e);
        }
        return sortKeys(reparsed);
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), sortKeys(e.getValue())));
            ObjectNode out = MAPPER.createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(element -> out.add(sortKeys(element)));
            return out;
        }
        return node;
    }

    /** A tool's paging as the lock writes it; see {@link ToolSurface} for the shape. */
    static ObjectNode paging(Paging paging) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("style", "offset")
                .put("limit", paging.limitParameter())
                .put("offset", paging.offsetParameter())
                .put("records", paging.recordsPointer());
        paging.hasMorePointer().ifPresent(p -> node.put("hasMore", p));
        return node.put("defaultLimit", paging.defaultLimit()).put("maxLimit", paging.maxLimit());
    }

    /** Flat values that fit on a line this long are written on one line. */
    private static final int INLINE_WIDTH = 120;

    /**
     * Pretty prints with 2-space indentation, {@code "key": value} and a trailing newline. Arrays
     * of scalars and small objects of scalars (such as {@code {"type": "string"}}) stay on one
     * line when short, which keeps the lock compact and its diffs readable. Hand-written rather than Jackson's pretty printer so that the lock file's
     * bytes do not change when a Jackson upgrade changes its default layout.
     */
    static String pretty(JsonNode root) {
        StringBuilder out = new StringBuilder();
        write(out, root, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, JsonNode node, int depth) {
        String inline = inline(node);
        if (inline != null) {
            out.append(inline);
        } else if (node.isObject() && !node.isEmpty()) {
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                indent(out, depth + 1).append(TextNode.valueOf(field.getKey())).append(": ");
                write(out, field.getValue(), depth + 1);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            indent(out, depth).append('}');
        } else if (isScalarArray(node)) {
            // Long lists of values (enums) fill lines instead of taking one line per value.
            out.append("[\n");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < node.size(); i++) {
                String item = node.get(i) + (i + 1 < node.size() ? "," : "");
                if (line.length() > 0 && line.length() + 1 + item.length() > INLINE_WIDTH) {
                    indent(out, depth + 1).append(line).append('\n');
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(item);
            }
            indent(out, depth + 1).append(line).append('\n');
            indent(out, depth).append(']');
        } else if (node.isArray() && !node.isEmpty()) {
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(out, depth + 1);
                write(out, node.get(i), depth + 1);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(out, depth).append(']');
        } else {
            out.append(node); // scalars, {} and []: Jackson's compact form is already valid JSON
        }
    }

    private static boolean isScalarArray(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    /** The one-line form of a flat array or object, or null when it is nested or too long. */
    private static String inline(JsonNode node) {
        if (!node.isContainerNode() || node.isEmpty()) {
            return null;
        }
        StringBuilder line = new StringBuilder(node.isArray() ? "[" : "{");
        boolean first = true;
        for (Map.Entry<String, JsonNode> field : node.isArray() ? indexed(node) : node.properties()) {
            JsonNode value = field.getValue();
            String text = value.isValueNode() ? value.toString() : node.isObject() ? inline(value) : null;
            if (text == null || (value.isContainerNode() && !value.isArray())) {
                return null;
            }
            line.append(first ? "" : ", ");
            if (node.isObject()) {
                line.append(TextNode.valueOf(field.getKey())).append(": ");
            }
            line.append(text);
            first = false;
            if (line.length() > INLINE_WIDTH) {
                return null;
            }
        }
        return line.append(node.isArray() ? "]" : "}").toString();
    }

    private static java.util.List<Map.Entry<String, JsonNode>> indexed(JsonNode array) {
        java.util.List<Map.Entry<String, JsonNode>> out = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(Map.entry(String.valueOf(i), array.get(i)));
        }
        return out;
    }

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }
}

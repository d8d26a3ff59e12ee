package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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

    /**
     * Pretty prints with 2-space indentation, {@code "key": value}, one array element per line and
     * a trailing newline. Hand-written rather than Jackson's pretty printer so that the lock file's
     * bytes do not change when a Jackson upgrade changes its default layout.
     */
    static String pretty(JsonNode root) {
        StringBuilder out = new StringBuilder();
        write(out, root, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, JsonNode node, int depth) {
        if (node.isObject() && !node.isEmpty()) {
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                indent(out, depth + 1).append(TextNode.valueOf(field.getKey())).append(": ");
                write(out, field.getValue(), depth + 1);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            indent(out, depth).append('}');
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

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }
}

package io.calcommcp.codegen.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.diagnostics.Location;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the local {@code $ref}s of a document that point at nothing. The parser reports only some
 * of them, and a schema or parameter it cannot find would be generated as if it were empty: a
 * half-read document. Every one is an error, with the JSON pointer of the {@code $ref}.
 */
final class ReferenceCheck {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ReferenceCheck() {}

    /** An error for every local reference of {@code text} (YAML or JSON) that resolves to nothing. */
    static List<Diagnostic> unresolved(String text, String file) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            // Not readable as YAML or JSON: the parser says so with its own messages.
            return List.of();
        }
        List<Diagnostic> errors = new ArrayList<>();
        walk(root, root, "", file, errors);
        return errors;
    }

    private static void walk(JsonNode root, JsonNode node, String at, String file, List<Diagnostic> errors) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                String target = ref.asText();
                if (resolve(root, target).isMissingNode()) {
                    errors.add(Diagnostic.error(
                            Location.pointer(file, at.isEmpty() ? "/" : at),
                            "$ref " + target + " points at nothing in the document",
                            "define it, or correct the reference"));
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                walk(root, field.getValue(), at + "/" + escape(field.getKey()), file, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(root, node.get(i), at + "/" + i, file, errors);
            }
        }
    }

    private static JsonNode resolve(JsonNode root, String ref) {
        String pointer = ref.substring(1);
        if (pointer.isEmpty()) {
            return root;
        }
        if (pointer.indexOf('%') >= 0) {
            pointer = URLDecoder.decode(pointer.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        try {
            return root.at(JsonPointer.compile(pointer));
        } catch (IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}

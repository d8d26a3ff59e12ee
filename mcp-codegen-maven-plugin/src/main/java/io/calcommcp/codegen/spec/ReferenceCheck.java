package io.calcommcp.codegen.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.diagnostics.Location;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the local {@code $ref}s of a document that point at nothing, and the chains of {@code
 * $ref}s that lead back to where they started without anything defined on the way ({@code A: {$ref:
 * B}}, {@code B: {$ref: A}}). The parser reports only some of either, and a schema or parameter it
 * cannot find would be generated as if it were empty: a half-read document. Every one is an error,
 * with the JSON pointer of the {@code $ref}. (A schema that contains itself through a property is
 * not a cycle of this kind: it defines something, and the schema converter stops at it.)
 */
final class ReferenceCheck {

    private ReferenceCheck() {}

    /** An error for every broken local reference of {@code document} (YAML or JSON, as a tree). */
    static List<Diagnostic> problems(JsonNode document, String file) {
        List<Diagnostic> errors = new ArrayList<>();
        Set<Set<String>> cycles = new LinkedHashSet<>();
        walk(document, document, "", file, errors, cycles);
        return errors;
    }

    private static void walk(
            JsonNode root, JsonNode node, String at, String file, List<Diagnostic> errors, Set<Set<String>> cycles) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                String target = ref.asText();
                if (resolve(root, target).isMissingNode()) {
                    errors.add(Diagnostic.error(
                            Location.pointer(file, at.isEmpty() ? "/" : at),
                            "$ref " + target + " points at nothing in the document",
                            "define it, or correct the reference"));
                } else {
                    cycle(root, target).ifPresent(members -> {
                        // Reported once, where the cycle is, not at every reference into it.
                        if (cycles.add(new TreeSet<>(members))) {
                            errors.add(Diagnostic.error(
                                    Location.pointer(file, members.get(0).substring(1)),
                                    "$ref cycle " + String.join(" -> ", members) + " -> " + members.get(0)
                                            + ": each only refers to the next, so none of them defines anything",
                                    "replace one of the references with the definition it stands for"));
                        }
                    });
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                walk(root, field.getValue(), at + "/" + escape(field.getKey()), file, errors, cycles);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(root, node.get(i), at + "/" + i, file, errors, cycles);
            }
        }
    }

    /**
     * The references of the cycle that following {@code ref} runs into, starting where it closes,
     * if it runs into one; empty when the chain ends in a definition (or in nothing, reported
     * separately).
     */
    private static Optional<List<String>> cycle(JsonNode root, String ref) {
        List<String> chain = new ArrayList<>();
        String next = ref;
        while (next != null) {
            int seen = chain.indexOf(next);
            if (seen >= 0) {
                return Optional.of(List.copyOf(chain.subList(seen, chain.size())));
            }
            chain.add(next);
            JsonNode target = resolve(root, next);
            JsonNode onward = target.isObject() ? target.get("$ref") : null;
            next = onward != null && onward.isTextual() && onward.asText().startsWith("#") ? onward.asText() : null;
        }
        return Optional.empty();
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

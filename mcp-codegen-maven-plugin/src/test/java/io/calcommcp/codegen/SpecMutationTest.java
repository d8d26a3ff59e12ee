package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.core.CodegenRequest;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd specs end in generated sources or in diagnostics, never in an internal error. The plugin's
 * own test specs are mutated in many small ways, one mutation per run: every member removed,
 * every value replaced by a blank, a number, a boolean, null, an empty array or object; every
 * parameter without its name, with a blank one, without {@code in}, duplicated; every {@code
 * type} changed; every {@code $ref} pointed at nothing or made a cycle. Each run of the generator
 * must write sources or stop with a {@link CodegenException} whose diagnostics say where and what.
 */
class SpecMutationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path temp;

    /** A test spec and the rules it is generated with. */
    record Base(String name, String spec, String rules) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One changed copy of a spec, and what was changed. */
    record Mutation(String what, JsonNode spec) {}

    static Stream<Base> bases() throws IOException {
        Path widgets = GoldenFilesTest.GOOD.resolve("widgets");
        return Stream.of(
                new Base(
                        "widgets",
                        Files.readString(widgets.resolve("openapi.yaml")),
                        Files.readString(widgets.resolve("rules.yaml"))),
                new Base("openapi-3.1", AnySpecTest.OPENAPI_31, "version: 1\nvendor: pets\n"),
                new Base("swagger-2.0", AnySpecTest.SWAGGER_2, "version: 1\nvendor: shop\n"));
    }

    @ParameterizedTest
    @MethodSource("bases")
    void everyMutationEndsInGeneratedSourcesOrInDiagnostics(Base base) throws Exception {
        JsonNode original = YAML.readTree(base.spec());
        Path rules = Files.writeString(temp.resolve("rules.yaml"), base.rules());
        if (base.spec().contains("instructions.md") || base.rules().contains("instructions.md")) {
            Files.copy(GoldenFilesTest.GOOD.resolve("widgets/instructions.md"), temp.resolve("instructions.md"));
        }
        List<Mutation> mutations = Mutations.of(original);
        int generated = 0;
        int diagnosed = 0;
        Map<String, List<String>> crashes = new TreeMap<>();
        for (int i = 0; i < mutations.size(); i++) {
            Mutation mutation = mutations.get(i);
            Path spec = Files.writeString(temp.resolve("spec.json"), JSON.writeValueAsString(mutation.spec()));
            Path out = temp.resolve("out-" + i);
            try {
                new Codegen().generate(new CodegenRequest(spec.toString(), rules, out, "com.example.mutated", "test"));
                assertTrue(Files.isDirectory(out), mutation.what() + ": nothing generated");
                generated++;
            } catch (CodegenException e) {
                for (Diagnostic error : e.errors()) {
                    assertFalse(error.message().isBlank(), mutation.what() + ": an error without a message");
                    assertFalse(error.location().file().isBlank(), mutation.what() + ": an error without a location");
                }
                diagnosed++;
            } catch (Throwable t) { // any other throwable is the failure this test looks for
                crashes.computeIfAbsent(t.getClass().getName() + " at " + thrownAt(t), k -> new ArrayList<>())
                        .add(mutation.what() + " (" + t.getMessage() + ")");
            } finally {
                delete(out);
            }
        }
        assertEquals(
                "",
                byWhereThrown(crashes),
                crashes.values().stream().mapToInt(List::size).sum() + " of " + mutations.size() + " mutations of "
                        + base + " ended in an internal error");
        // Both outcomes occur, so neither half of the assertion above holds vacuously.
        assertTrue(generated > 0, "no mutation of " + base + " generated sources");
        assertTrue(diagnosed > 0, "no mutation of " + base + " was diagnosed");
        assertTrue(mutations.size() > 100, base + ": only " + mutations.size() + " mutations");
    }

    /** The first frame outside the JDK: where the generator (or a library it calls) failed. */
    private static String thrownAt(Throwable t) {
        return Stream.of(t.getStackTrace())
                .filter(frame -> !frame.getClassName().startsWith("java."))
                .findFirst()
                .map(StackTraceElement::toString)
                .orElse("?");
    }

    /** The internal errors, one line per place they were thrown: how often, and the first three mutations. */
    private static String byWhereThrown(Map<String, List<String>> crashes) {
        StringBuilder out = new StringBuilder();
        crashes.forEach((where, mutations) -> out.append("\n")
                .append(mutations.size())
                .append(" x ")
                .append(where)
                .append(": ")
                .append(String.join("; ", mutations.subList(0, Math.min(3, mutations.size())))));
        return out.toString();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The mutations of one spec, in a fixed order. */
    static final class Mutations {

        /** What every value is replaced by in turn. */
        private static final List<JsonNode> REPLACEMENTS = List.of(
                NODES.textNode(""),
                NODES.textNode(" "),
                NODES.textNode("x"),
                NODES.numberNode(7),
                NODES.booleanNode(true),
                NODES.nullNode(),
                NODES.arrayNode(),
                NODES.objectNode());

        private static final List<String> TYPES = List.of("string", "object", "array", "nonsense");

        private final JsonNode original;
        private final List<Mutation> out = new ArrayList<>();
        private int next;

        private Mutations(JsonNode original) {
            this.original = original;
        }

        static List<Mutation> of(JsonNode original) {
            Mutations m = new Mutations(original);
            m.walk(original, "");
            m.referenceCycles();
            return m.out;
        }

        private void walk(JsonNode node, String pointer) {
            if (!pointer.isEmpty()) {
                add("remove " + pointer, pointer, Mutations::removeAt);
                // One replacement per node, taken in turn, so that every kind of wrong value occurs
                // all over the document without multiplying the runs.
                JsonNode replacement = REPLACEMENTS.get(next++ % REPLACEMENTS.size());
                if (replacement.getNodeType() == node.getNodeType()) {
                    replacement = node.isContainerNode() ? NODES.textNode("x") : NODES.objectNode();
                }
                JsonNode value = replacement;
                add(pointer + " = " + value, pointer, (parent, key) -> setAt(parent, key, value));
            }
            if (node.isObject()) {
                if (isParameter(pointer, node)) {
                    parameter(pointer);
                }
                if (node.has("type") && node.get("type").isTextual()) {
                    for (String type : TYPES) {
                        add(
                                pointer + "/type = " + type,
                                pointer,
                                (parent, key) -> ((ObjectNode) child(parent, key)).put("type", type));
                    }
                }
                if (pointer.matches("/paths/[^/]+/(get|put|post|patch|delete)")) {
                    operation(pointer);
                }
                if (node.has("$ref") && node.get("$ref").isTextual()) {
                    reference(pointer);
                }
                if (node.has("required") && node.get("required").isArray()) {
                    add(
                            pointer + "/required += nonexistent",
                            pointer,
                            (parent, key) -> ((ArrayNode) child(parent, key).get("required")).add("nonexistent"));
                }
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    walk(field.getValue(), pointer + "/" + escape(field.getKey()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), pointer + "/" + i);
                }
            }
        }

        /** A parameter object: an element of a {@code parameters} array, or a parameter component. */
        private static boolean isParameter(String pointer, JsonNode node) {
            return (pointer.matches(".*/parameters/\\d+") || pointer.matches("/components/parameters/[^/]+"))
                    && !node.has("$ref");
        }

        private void parameter(String pointer) {
            Consumer<ObjectNode> noName = p -> p.remove("name");
            edit(pointer + ": no name", pointer, noName);
            edit(pointer + ": name \"\"", pointer, p -> p.put("name", ""));
            edit(pointer + ": name \"  \"", pointer, p -> p.put("name", "  "));
            edit(pointer + ": name \"a b:{c}\"", pointer, p -> p.put("name", "a b:{c}"));
            edit(pointer + ": no in", pointer, p -> p.remove("in"));
            edit(pointer + ": in nowhere", pointer, p -> p.put("in", "nowhere"));
            edit(pointer + ": in cookie", pointer, p -> p.put("in", "cookie"));
            edit(pointer + ": required", pointer, p -> p.put("required", true));
            edit(pointer + ": schema \"string\"", pointer, p -> p.put("schema", "string"));
            edit(
                    pointer + ": schema [string]",
                    pointer,
                    p -> p.set("schema", NODES.arrayNode().add("string")));
            if (pointer.matches(".*/parameters/\\d+")) {
                add(
                        pointer + ": duplicated",
                        pointer,
                        (parent, key) ->
                                ((ArrayNode) parent).add(child(parent, key).deepCopy()));
            }
        }

        private void operation(String pointer) {
            edit(pointer + ": operationId \"\"", pointer, op -> op.put("operationId", ""));
            edit(pointer + ": operationId \" \"", pointer, op -> op.put("operationId", " "));
            edit(
                    pointer + ": tags [\"\"]",
                    pointer,
                    op -> op.set("tags", NODES.arrayNode().add("")));
            // Every operation takes the operationId of the first one that has one.
            String first = original.findValuesAsText("operationId").stream()
                    .findFirst()
                    .orElse("op");
            edit(pointer + ": operationId of another", pointer, op -> op.put("operationId", first));
            edit(
                    pointer + ": body {type: string}",
                    pointer,
                    op -> op.putObject("requestBody")
                            .putObject("content")
                            .putObject("application/json")
                            .putObject("schema")
                            .put("type", "string"));
            edit(
                    pointer + ": body schema \"x\"",
                    pointer,
                    op -> op.putObject("requestBody")
                            .putObject("content")
                            .putObject("application/json")
                            .put("schema", "x"));
        }

        private void reference(String pointer) {
            for (String target :
                    List.of("#/components/schemas/Nowhere", "#/nowhere", "#/info", "#", "", "missing.yaml#/Thing")) {
                edit(pointer + "/$ref = \"" + target + "\"", pointer, node -> node.put("$ref", target));
            }
            // A schema that refers to itself through its own $ref: a cycle with nothing in between.
            String component = componentOf(pointer);
            if (component != null) {
                edit(pointer + "/$ref = itself", pointer, node -> node.put("$ref", "#" + component));
            }
        }

        /** Two components that refer to each other and to nothing else, used from every $ref. */
        private void referenceCycles() {
            for (String kind : List.of("schemas", "parameters", "requestBodies")) {
                Mutation cycle = copy("components/" + kind + " A -> B -> A, used by every $ref to " + kind);
                ObjectNode root = (ObjectNode) cycle.spec();
                ObjectNode components =
                        root.has("components") && root.get("components").isObject()
                                ? (ObjectNode) root.get("components")
                                : root.putObject("components");
                ObjectNode section =
                        components.has(kind) && components.get(kind).isObject()
                                ? (ObjectNode) components.get(kind)
                                : components.putObject(kind);
                section.putObject("CycleA").put("$ref", "#/components/" + kind + "/CycleB");
                section.putObject("CycleB").put("$ref", "#/components/" + kind + "/CycleA");
                boolean used = redirect(root, "#/components/" + kind + "/", "#/components/" + kind + "/CycleA");
                if (used) {
                    out.add(cycle);
                }
            }
        }

        /** Points every $ref that starts with {@code prefix} (but not at the cycle itself) at {@code target}. */
        private static boolean redirect(JsonNode node, String prefix, String target) {
            boolean any = false;
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null
                        && ref.isTextual()
                        && ref.asText().startsWith(prefix)
                        && !ref.asText().contains("/Cycle")) {
                    ((ObjectNode) node).put("$ref", target);
                    any = true;
                }
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    any |= redirect(field.getValue(), prefix, target);
                }
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    any |= redirect(element, prefix, target);
                }
            }
            return any;
        }

        /** {@code /components/schemas/X} for a pointer inside that component, else null. */
        private static String componentOf(String pointer) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(/components/schemas/[^/]+)")
                    .matcher(pointer);
            return m.find() ? m.group(1) : null;
        }

        private interface Edit {
            /** Changes the copy; {@code parent} holds the node at the pointer under {@code key}. */
            void apply(JsonNode parent, String key);
        }

        private void edit(String what, String pointer, Consumer<ObjectNode> change) {
            add(what, pointer, (parent, key) -> change.accept((ObjectNode) child(parent, key)));
        }

        private void add(String what, String pointer, Edit edit) {
            Mutation copy = copy(what);
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = copy.spec().at(slash == 0 ? "" : pointer.substring(0, slash));
            String key = unescape(pointer.substring(slash + 1));
            edit.apply(parent, key);
            out.add(copy);
        }

        private Mutation copy(String what) {
            return new Mutation(what, original.deepCopy());
        }

        private static JsonNode child(JsonNode parent, String key) {
            return parent.isArray() ? parent.get(Integer.parseInt(key)) : parent.get(key);
        }

        private static void removeAt(JsonNode parent, String key) {
            if (parent.isArray()) {
                ((ArrayNode) parent).remove(Integer.parseInt(key));
            } else {
                ((ObjectNode) parent).remove(key);
            }
        }

        private static void setAt(JsonNode parent, String key, JsonNode value) {
            if (parent.isArray()) {
                ((ArrayNode) parent).set(Integer.parseInt(key), value.deepCopy());
            } else {
                ((ObjectNode) parent).set(key, value.deepCopy());
            }
        }

        private static String escape(String key) {
            return key.replace("~", "~0").replace("/", "~1");
        }

        private static String unescape(String token) {
            return token.replace("~1", "/").replace("~0", "~");
        }
    }
}

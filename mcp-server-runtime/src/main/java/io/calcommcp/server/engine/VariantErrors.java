package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a validator's errors into problems a model can fix. A value that must be one of several
 * variants ({@code anyOf}, {@code oneOf}) fails every variant at once, and listing every
 * variant's complaint ("must be the constant value 'name'", "... 'email'", nineteen times) buries
 * the one that matters. So the variants its kind property rules out are set aside: if one kind
 * matches, only that variant's problems are shown ({@code bookingFields.1: required property
 * 'label' not found}); if none does, one line says which kinds there are.
 */
final class VariantErrors {

    private static final Pattern VARIANT = Pattern.compile("^(.*?/(?:anyOf|oneOf))/(\\d+)(/.*)?$");
    private static final Pattern KIND = Pattern.compile("^/properties/([^/]+)/const$");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    /** More variants left than this after setting the ruled-out ones aside: there is no kind property. */
    private static final int FEW_VARIANTS = 2;

    private VariantErrors() {}

    /** One sentence per problem, in the order the validator found them. */
    static List<String> describe(List<Error> errors, JsonNode arguments) {
        Map<String, Map<Integer, List<Error>>> groups = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (Error error : errors) {
            String evaluation = error.getEvaluationPath() == null
                    ? ""
                    : error.getEvaluationPath().toString();
            Matcher m = VARIANT.matcher(evaluation);
            if (!m.matches()) {
                order.add(error);
                continue;
            }
            String group = m.group(1);
            if (!groups.containsKey(group)) {
                groups.put(group, new TreeMap<>());
                order.add(group);
            }
            groups.get(group)
                    .computeIfAbsent(Integer.parseInt(m.group(2)), i -> new ArrayList<>())
                    .add(error);
        }
        Set<String> problems = new LinkedHashSet<>();
        for (Object item : order) {
            if (item instanceof Error error) {
                problems.add(ArgumentChecker.describe(error));
            } else {
                problems.addAll(variants((String) item, groups.get(item), arguments));
            }
        }
        return new ArrayList<>(problems);
    }

    private static List<String> variants(String group, Map<Integer, List<Error>> byVariant, JsonNode arguments) {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        Map<String, String> instanceOfKind = new LinkedHashMap<>();
        List<List<Error>> left = new ArrayList<>();
        for (Map.Entry<Integer, List<Error>> variant : byVariant.entrySet()) {
            boolean ruledOut = false;
            for (Error error : variant.getValue()) {
                String rest =
                        error.getEvaluationPath().toString().substring(group.length() + 1 + digits(variant.getKey()));
                Matcher kind = KIND.matcher(rest);
                if (kind.matches()) {
                    ruledOut = true;
                    Matcher value = QUOTED.matcher(error.getMessage());
                    kinds.computeIfAbsent(kind.group(1), k -> new LinkedHashSet<>())
                            .add(value.find() ? value.group(1) : "?");
                    instanceOfKind.put(
                            kind.group(1), error.getInstanceLocation().toString());
                }
            }
            if (!ruledOut) {
                left.add(variant.getValue());
            }
        }
        List<String> out = new ArrayList<>();
        if (!left.isEmpty() && left.size() <= FEW_VARIANTS) {
            left.forEach(variant -> variant.forEach(e -> out.add(ArgumentChecker.describe(e))));
            return out;
        }
        if (left.isEmpty() && !kinds.isEmpty()) {
            String where = null;
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Set<String>> kind : kinds.entrySet()) {
                String pointer = instanceOfKind.get(kind.getKey());
                where = pointer.substring(0, pointer.lastIndexOf('/'));
                JsonNode given = arguments.at(pointer);
                parts.add(kind.getKey() + " " + (given.isMissingNode() ? "is missing" : given + " is not one") + " of "
                        + String.join(", ", kind.getValue()));
            }
            out.add(name(where) + ": matches none of its " + byVariant.size() + " kinds: " + String.join("; ", parts)
                    + ".");
            return out;
        }
        // No kind tells the variants apart: show the closest one, the variant with the fewest problems.
        List<Error> closest = left.isEmpty() ? byVariant.values().iterator().next() : left.get(0);
        for (List<Error> variant : left) {
            if (variant.size() < closest.size()) {
                closest = variant;
            }
        }
        String where = closest.get(0).getInstanceLocation().toString();
        out.add(name(where) + ": matches none of its " + byVariant.size() + " allowed shapes; the closest one says:");
        closest.forEach(e -> out.add(ArgumentChecker.describe(e)));
        return out;
    }

    private static int digits(int index) {
        return Integer.toString(index).length();
    }

    /** {@code /bookingFields/1} as the model wrote it: {@code bookingFields.1}. */
    private static String name(String pointer) {
        String name = pointer == null ? "" : pointer.replaceFirst("^[$/.]+", "").replace('/', '.');
        return name.isEmpty() ? "the arguments" : name;
    }
}

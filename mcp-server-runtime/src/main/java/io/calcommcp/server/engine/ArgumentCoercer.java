package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts scalars that a model sent in the wrong JSON type to the type the tool's schema asks for,
 * where nothing can be lost: {@code "30"} for an integer becomes {@code 30}, {@code 50} for a
 * string (an id in a path) becomes {@code "50"}, {@code "true"} for a boolean becomes {@code
 * true}.
 *
 * <p>Models often quote numbers or leave ids unquoted, and refusing the call for that costs a
 * round trip without teaching anything. Anything that would need a guess ({@code 10.5} for an
 * integer, {@code "ten"}, {@code " 10"}, {@code "1e3"} for an integer) is left exactly as it is,
 * so that the schema validation that runs afterwards refuses it with its usual message. A value
 * whose type the schema already allows is never touched.
 *
 * <p>The schema is the tree the generator emits (JSON Schema 2020-12 without {@code $ref}). The
 * coercer keeps no state, so one instance may serve every call on every thread.
 */
public final class ArgumentCoercer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Exactly what a JSON integer looks like: no sign but '-', no leading zeros, no spaces.
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /**
     * Returns {@code value} with its lossless conversions applied, as a new tree; {@code value}
     * itself is never changed. A {@code null} value is returned as is; a missing or non-object
     * schema converts nothing.
     */
    public JsonNode coerce(JsonNode value, JsonNode schema) {
        if (value == null) {
            return null;
        }
        if (schema == null || !schema.isObject() || value.isNull() || value.isMissingNode()) {
            return value.deepCopy();
        }
        JsonNode result = convertScalar(value, schema);
        if (result.isObject()) {
            result = coerceProperties(result, schema);
        } else if (result.isArray()) {
            result = coerceItems(result, schema);
        }
        result = coerceBranches(result, schema.get("anyOf"));
        result = coerceBranches(result, schema.get("oneOf"));
        JsonNode allOf = schema.get("allOf");
        if (allOf != null && allOf.isArray()) {
            for (JsonNode branch : allOf) {
                result = coerce(result, branch);
            }
        }
        return result;
    }

    private ObjectNode coerceProperties(JsonNode object, JsonNode schema) {
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        // With patternProperties, additionalProperties covers only names no pattern matches;
        // rather than evaluate patterns, leave those fields alone.
        if (schema.has("patternProperties")) {
            additional = null;
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode described = properties != null && properties.isObject() ? properties.get(field.getKey()) : null;
            if (described == null && additional != null && additional.isObject()) {
                described = additional;
            }
            out.set(field.getKey(), coerce(field.getValue(), described));
        }
        return out;
    }

    private ArrayNode coerceItems(JsonNode array, JsonNode schema) {
        JsonNode prefix = schema.get("prefixItems");
        JsonNode items = schema.get("items");
        if (items != null && items.isArray() && prefix == null) {
            // The pre-2020 form: "items" as a list of positions.
            prefix = items;
            items = null;
        }
        ArrayNode out = NODES.arrayNode(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode described;
            if (prefix != null && prefix.isArray() && i < prefix.size()) {
                described = prefix.get(i);
            } else {
                described = items;
            }
            out.add(coerce(array.get(i), described));
        }
        return out;
    }

    /**
     * anyOf/oneOf: a value some branch already takes is coerced with the first such branch (its
     * nested fields may still need it); otherwise the first branch that converts it wins.
     */
    private JsonNode coerceBranches(JsonNode value, JsonNode branches) {
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            return value;
        }
        for (JsonNode branch : branches) {
            if (allows(allowedTypes(branch), value)) {
                return coerce(value, branch);
            }
        }
        for (JsonNode branch : branches) {
            JsonNode converted = coerce(value, branch);
            if (!jsonType(converted).equals(jsonType(value)) && allows(allowedTypes(branch), converted)) {
                return converted;
            }
        }
        return value;
    }

    /** Converts a scalar the schema's own type (or enum/const) does not allow, when lossless. */
    private static JsonNode convertScalar(JsonNode value, JsonNode schema) {
        if (!value.isTextual() && !value.isNumber()) {
            return value;
        }
        List<JsonNode> choices = choices(schema);
        Set<String> allowed = types(schema.get("type"));
        if (allowed == null && choices != null) {
            allowed = typesOf(choices);
        }
        if (allowed == null || allows(allowed, value)) {
            return value;
        }
        if (choices != null) {
            return matchingChoice(value, choices, allowed);
        }
        JsonNode converted = value.isTextual() ? fromText(value.textValue(), allowed) : fromNumber(value, allowed);
        return converted == null ? value : converted;
    }

    private static JsonNode fromText(String text, Set<String> allowed) {
        if (allowed.contains("integer") && INTEGER.matcher(text).matches()) {
            return integerNode(new BigInteger(text));
        }
        if (allowed.contains("number") && NUMBER.matcher(text).matches()) {
            return numberNode(text);
        }
        if (allowed.contains("boolean") && (text.equals("true") || text.equals("false"))) {
            return BooleanNode.valueOf(text.equals("true"));
        }
        return null;
    }

    private static JsonNode fromNumber(JsonNode number, Set<String> allowed) {
        BigDecimal exact = exact(number);
        if (allowed.contains("string") && exact != null && isIntegral(exact)) {
            return TextNode.valueOf(exact.toBigIntegerExact().toString());
        }
        return null;
    }

    /**
     * With an enum (or const) the converted value must be one of the choices: the number whose
     * text is a listed string, or the text whose number is a listed number.
     */
    private static JsonNode matchingChoice(JsonNode value, List<JsonNode> choices, Set<String> allowed) {
        if (value.isNumber() && allowed.contains("string")) {
            BigDecimal exact = exact(value);
            for (JsonNode choice : choices) {
                if (choice.isTextual() && exact != null && sameNumber(exact, choice.textValue())) {
                    return choice;
                }
            }
        }
        if (value.isTextual() && NUMBER.matcher(value.textValue()).matches()) {
            BigDecimal wanted = parse(value.textValue());
            for (JsonNode choice : choices) {
                if (choice.isNumber() && wanted != null && allows(allowed, choice)) {
                    BigDecimal exact = exact(choice);
                    if (exact != null && exact.compareTo(wanted) == 0) {
                        return choice;
                    }
                }
            }
        }
        if (value.isTextual() && allowed.contains("boolean")) {
            for (JsonNode choice : choices) {
                if (choice.isBoolean() && choice.asText().equals(value.textValue())) {
                    return choice;
                }
            }
        }
        return value;
    }

    private static boolean sameNumber(BigDecimal number, String text) {
        if (!NUMBER.matcher(text).matches()) {
            return false;
        }
        BigDecimal parsed = parse(text);
        return parsed != null && parsed.compareTo(number) == 0;
    }

    /** The enum values, or the const as a single choice, or {@code null} when there is neither. */
    private static List<JsonNode> choices(JsonNode schema) {
        JsonNode values = schema.get("enum");
        if (values != null && values.isArray()) {
            List<JsonNode> out = new ArrayList<>();
            values.forEach(out::add);
            return out;
        }
        JsonNode constant = schema.get("const");
        return constant == null ? null : List.of(constant);
    }

    /**
     * The JSON types a schema takes: its {@code type}, else its enum's or const's value types, else
     * what its branches take; {@code null} when nothing says, meaning any type.
     */
    private static Set<String> allowedTypes(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return schema != null && schema.isBoolean() && !schema.booleanValue() ? Set.of() : null;
        }
        Set<String> own = types(schema.get("type"));
        if (own != null) {
            return own;
        }
        List<JsonNode> choices = choices(schema);
        if (choices != null) {
            return typesOf(choices);
        }
        Set<String> union = union(schema.get("anyOf"), union(schema.get("oneOf"), null));
        JsonNode allOf = schema.get("allOf");
        Set<String> intersection = null;
        if (allOf != null && allOf.isArray()) {
            for (JsonNode branch : allOf) {
                Set<String> types = allowedTypes(branch);
                if (types != null) {
                    if (intersection == null) {
                        intersection = new HashSet<>(types);
                    } else {
                        intersection.retainAll(types);
                    }
                }
            }
        }
        if (union != null && intersection != null) {
            union.retainAll(intersection);
            return union;
        }
        return union != null ? union : intersection;
    }

    /** What any of the branches takes, combined with {@code sofar}; {@code null} for anything. */
    private static Set<String> union(JsonNode branches, Set<String> sofar) {
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            return sofar;
        }
        Set<String> out = new HashSet<>();
        for (JsonNode branch : branches) {
            Set<String> types = allowedTypes(branch);
            if (types == null) {
                return sofar;
            }
            out.addAll(types);
        }
        if (sofar != null) {
            out.retainAll(sofar);
        }
        return out;
    }

    private static Set<String> types(JsonNode type) {
        if (type == null) {
            return null;
        }
        if (type.isTextual()) {
            return Set.of(type.textValue());
        }
        if (type.isArray()) {
            Set<String> out = new HashSet<>();
            type.forEach(t -> out.add(t.asText()));
            return out;
        }
        return null;
    }

    private static Set<String> typesOf(List<JsonNode> choices) {
        Set<String> out = new HashSet<>();
        for (JsonNode choice : choices) {
            out.add(jsonType(choice));
        }
        return out;
    }

    /** Whether a value of this JSON type is allowed; a number without fraction is an integer. */
    private static boolean allows(Set<String> allowed, JsonNode value) {
        if (allowed == null) {
            return true;
        }
        String type = jsonType(value);
        return allowed.contains(type) || (type.equals("integer") && allowed.contains("number"));
    }

    private static String jsonType(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            BigDecimal exact = exact(value);
            return exact != null && isIntegral(exact) ? "integer" : "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        return "null";
    }

    /** The exact value of a number node; {@code null} for NaN or infinity. */
    private static BigDecimal exact(JsonNode number) {
        if (number.isIntegralNumber()) {
            return new BigDecimal(number.bigIntegerValue());
        }
        if (number.isBigDecimal()) {
            return number.decimalValue();
        }
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        // The shortest text that reads back as this double is what the caller wrote: 0.1, not
        // 0.1000000000000000055511151231257827.
        return new BigDecimal(number.asText());
    }

    private static boolean isIntegral(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            // An exponent beyond what BigDecimal holds.
            return null;
        }
    }

    private static JsonNode numberNode(String text) {
        if (INTEGER.matcher(text).matches()) {
            return integerNode(new BigInteger(text));
        }
        BigDecimal parsed = parse(text);
        return parsed == null ? null : DecimalNode.valueOf(parsed);
    }

    private static JsonNode integerNode(BigInteger value) {
        if (value.bitLength() < Integer.SIZE) {
            return IntNode.valueOf(value.intValue());
        }
        if (value.bitLength() < Long.SIZE) {
            return LongNode.valueOf(value.longValue());
        }
        return BigIntegerNode.valueOf(value);
    }
}

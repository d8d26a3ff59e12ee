package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lossless conversions only: everything that would need a guess is left for validation to refuse. */
class ArgumentCoercerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArgumentCoercer COERCER = new ArgumentCoercer();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static JsonNode coerce(String value, String schema) {
        return COERCER.coerce(json(value), json(schema));
    }

    @Test
    void quotedNumbersInNestedBodyObjectsBecomeIntegers() {
        String schema = """
                {"type":"object","properties":{
                  "attendee":{"type":"object","properties":{"age":{"type":"integer"},"name":{"type":"string"}}}}}""";
        JsonNode coerced = coerce("{\"attendee\":{\"age\":\"30\",\"name\":\"Ann\"}}", schema);
        assertEquals(json("{\"attendee\":{\"age\":30,\"name\":\"Ann\"}}"), coerced);
        assertInstanceOf(IntNode.class, coerced.at("/attendee/age"));
    }

    @Test
    void itemsOfArraysOfObjectsAreCoercedEach() {
        String schema = """
                {"type":"array","items":{"type":"object","properties":{
                  "quantity":{"type":"integer"},"price":{"type":"number"},"paid":{"type":"boolean"}}}}""";
        JsonNode coerced = coerce(
                "[{\"quantity\":\"2\",\"price\":\"2.5\",\"paid\":\"true\"},"
                        + "{\"quantity\":\"two\",\"paid\":\"yes\"}]",
                schema);
        // Compared as text: a converted fraction is a DecimalNode, a parsed one a DoubleNode.
        assertEquals(
                "[{\"quantity\":2,\"price\":2.5,\"paid\":true},{\"quantity\":\"two\",\"paid\":\"yes\"}]",
                coerced.toString());
    }

    @Test
    void integralNumbersBecomeStringsForAStringArgument() {
        String schema = "{\"type\":\"object\",\"properties\":{\"bookingUid\":{\"type\":\"string\"}}}";
        assertEquals(json("{\"bookingUid\":\"50\"}"), coerce("{\"bookingUid\":50}", schema));
        assertEquals(json("{\"bookingUid\":\"50\"}"), coerce("{\"bookingUid\":50.0}", schema));
        assertEquals(json("{\"bookingUid\":\"-7\"}"), coerce("{\"bookingUid\":-7}", schema));
        // Every digit survives, beyond what a long or a double holds.
        assertEquals(
                json("{\"bookingUid\":\"123456789012345678901234567890\"}"),
                coerce("{\"bookingUid\":123456789012345678901234567890}", schema));
        // A fraction might be a mistake for an id: leave it for validation.
        assertEquals(json("{\"bookingUid\":10.5}"), coerce("{\"bookingUid\":10.5}", schema));
    }

    @Test
    void onlyPlainIntegerTextBecomesAnInteger() {
        assertEquals(json("10"), coerce("\"10\"", "{\"type\":\"integer\"}"));
        assertEquals(json("-3"), coerce("\"-3\"", "{\"type\":\"integer\"}"));
        assertEquals(json("0"), coerce("\"0\"", "{\"type\":\"integer\"}"));
        assertInstanceOf(LongNode.class, coerce("\"9007199254740993\"", "{\"type\":\"integer\"}"));
        assertInstanceOf(BigIntegerNode.class, coerce("\"123456789012345678901234567890\"", "{\"type\":\"integer\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.5", "ten", "1e3", " 10", "10 ", "+10", "010", "", "-", "0x10", "1,000"})
    void textThatIsNotPlainlyAnIntegerStaysText(String text) {
        JsonNode value = JSON.getNodeFactory().textNode(text);
        assertEquals(value, COERCER.coerce(value, json("{\"type\":\"integer\"}")));
    }

    @Test
    void aFractionForAnIntegerStaysAFraction() {
        assertEquals(json("10.5"), coerce("10.5", "{\"type\":\"integer\"}"));
        assertEquals(json("{\"n\":10.5}"), coerce("{\"n\":10.5}", "{\"properties\":{\"n\":{\"type\":\"integer\"}}}"));
    }

    @Test
    void plainNumberTextBecomesANumber() {
        JsonNode fraction = coerce("\"2.5\"", "{\"type\":\"number\"}");
        assertInstanceOf(DecimalNode.class, fraction);
        assertEquals(new BigDecimal("2.5"), fraction.decimalValue());
        assertInstanceOf(IntNode.class, coerce("\"10\"", "{\"type\":\"number\"}"));
        assertEquals(
                new BigDecimal("-1.5e3"),
                coerce("\"-1.5e3\"", "{\"type\":\"number\"}").decimalValue());
        for (String text : new String[] {"NaN", "Infinity", "-Infinity", "0x10", ".5", "5.", "1.2.3", "01.5"}) {
            assertEquals(json("\"" + text + "\""), coerce("\"" + text + "\"", "{\"type\":\"number\"}"), text);
        }
    }

    @Test
    void exactlyTrueAndFalseBecomeBooleans() {
        assertEquals(json("true"), coerce("\"true\"", "{\"type\":\"boolean\"}"));
        assertEquals(json("false"), coerce("\"false\"", "{\"type\":\"boolean\"}"));
        for (String text : new String[] {"True", "FALSE", "yes", "1", " true"}) {
            assertEquals(json("\"" + text + "\""), coerce("\"" + text + "\"", "{\"type\":\"boolean\"}"), text);
        }
        // Numbers are not booleans, nor the other way round.
        assertEquals(json("1"), coerce("1", "{\"type\":\"boolean\"}"));
        assertEquals(json("true"), coerce("true", "{\"type\":\"string\"}"));
    }

    @Test
    void aTypeTheSchemaAllowsIsNeverConverted() {
        assertEquals(json("\"10\""), coerce("\"10\"", "{\"type\":\"string\"}"));
        assertEquals(json("\"10\""), coerce("\"10\"", "{\"type\":[\"string\",\"number\"]}"));
        assertEquals(json("10"), coerce("10", "{\"type\":[\"string\",\"number\"]}"));
        assertEquals(json("\"true\""), coerce("\"true\"", "{\"type\":[\"boolean\",\"string\"]}"));
        // An integer is a number: nothing to do.
        assertEquals(json("10"), coerce("10", "{\"type\":\"number\"}"));
    }

    @Test
    void nullIsNeverConvertedAndNoTypeInformationConvertsNothing() {
        assertEquals(json("null"), coerce("null", "{\"type\":\"string\"}"));
        assertEquals(json("{\"n\":null}"), coerce("{\"n\":null}", "{\"properties\":{\"n\":{\"type\":\"integer\"}}}"));
        assertEquals(json("\"10\""), coerce("\"10\"", "{}"));
        assertEquals(json("\"10\""), coerce("\"10\"", "{\"description\":\"anything\"}"));
        assertEquals(json("10"), COERCER.coerce(json("10"), null));
        assertNull(COERCER.coerce(null, json("{\"type\":\"string\"}")));
    }

    @Test
    void anyOfKeepsAValueSomeBranchTakesAndElseUsesTheFirstThatConverts() {
        String stringOrNumber = "{\"anyOf\":[{\"type\":\"string\",\"format\":\"date-time\"},{\"type\":\"number\"}]}";
        assertEquals(json("\"5\""), coerce("\"5\"", stringOrNumber));
        assertEquals(json("5"), coerce("5", stringOrNumber));

        String integerOrBoolean = "{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"boolean\"}]}";
        assertEquals(json("7"), coerce("\"7\"", integerOrBoolean));
        assertEquals(json("true"), coerce("\"true\"", integerOrBoolean));
        assertEquals(json("\"seven\""), coerce("\"seven\"", integerOrBoolean));

        // The branch that takes the object coerces its fields.
        String objectOrNull = """
                {"oneOf":[{"type":"null"},{"type":"object","properties":{"seats":{"type":"integer"}}}]}""";
        assertEquals(json("{\"seats\":3}"), coerce("{\"seats\":\"3\"}", objectOrNull));
        assertEquals(json("null"), coerce("null", objectOrNull));
    }

    @Test
    void allOfAppliesEveryBranch() {
        String schema = """
                {"type":"object","allOf":[
                  {"properties":{"length":{"type":"integer"}}},
                  {"properties":{"hidden":{"type":"boolean"},"slug":{"type":"string"}}}]}""";
        assertEquals(
                json("{\"length\":30,\"hidden\":false,\"slug\":\"15\"}"),
                coerce("{\"length\":\"30\",\"hidden\":\"false\",\"slug\":15}", schema));
    }

    @Test
    void additionalPropertiesSchemaCoversTheOtherFields() {
        String schema = """
                {"type":"object","properties":{"label":{"type":"string"}},
                 "additionalProperties":{"type":"integer"}}""";
        assertEquals(
                json("{\"label\":\"7\",\"a\":1,\"b\":\"x\"}"), coerce("{\"label\":7,\"a\":\"1\",\"b\":\"x\"}", schema));
        // With additionalProperties false, unknown fields are left for validation to name.
        assertEquals(
                json("{\"a\":\"1\"}"), coerce("{\"a\":\"1\"}", "{\"type\":\"object\",\"additionalProperties\":false}"));
    }

    @Test
    void prefixItemsGoByPositionAndItemsTakeTheRest() {
        String schema = """
                {"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}],"items":{"type":"boolean"}}""";
        assertEquals(json("[1,\"2\",true,false]"), coerce("[\"1\",2,\"true\",\"false\"]", schema));
    }

    @Test
    void enumAndConstConvertOnlyToAListedValue() {
        assertEquals(json("\"10\""), coerce("10", "{\"type\":\"string\",\"enum\":[\"10\",\"20\"]}"));
        assertEquals(json("30"), coerce("30", "{\"type\":\"string\",\"enum\":[\"10\",\"20\"]}"));
        assertEquals(json("\"1.5\""), coerce("1.5", "{\"enum\":[\"1.5\",\"2\"]}"));
        assertEquals(json("2"), coerce("\"2\"", "{\"enum\":[1,2]}"));
        assertEquals(json("\"3\""), coerce("\"3\"", "{\"enum\":[1,2]}"));
        assertEquals(json("\"15\""), coerce("15", "{\"const\":\"15\"}"));
        // A listed string is kept even where a number is listed too.
        assertEquals(json("\"2\""), coerce("\"2\"", "{\"enum\":[\"2\",2]}"));
    }

    @Test
    void theInputTreeIsNotChanged() {
        JsonNode input = json("{\"attendee\":{\"age\":\"30\"},\"ids\":[\"1\",\"2\"],\"other\":{\"x\":\"1\"}}");
        JsonNode before = input.deepCopy();
        JsonNode schema = json("""
                {"type":"object","properties":{
                  "attendee":{"type":"object","properties":{"age":{"type":"integer"}}},
                  "ids":{"type":"array","items":{"type":"integer"}}}}""");
        JsonNode coerced = COERCER.coerce(input, schema);
        assertEquals(before, input);
        assertEquals(json("{\"attendee\":{\"age\":30},\"ids\":[1,2],\"other\":{\"x\":\"1\"}}"), coerced);
        // Even the parts nothing converted are copies, so changing the result cannot reach the input.
        assertNotSame(input.get("other"), coerced.get("other"));
    }

    @Test
    void theCoercedArgumentsPassTheSchemaTheOriginalFailed() {
        JsonNode schema = json("""
                {"type":"object","additionalProperties":false,"required":["eventTypeId","attendee"],
                 "properties":{
                  "eventTypeId":{"type":"integer"},
                  "uid":{"type":"string"},
                  "attendee":{"type":"object","required":["name"],"properties":{
                    "name":{"type":"string"},"age":{"type":"integer","minimum":0},
                    "remind":{"type":"boolean"}}},
                  "guests":{"type":"array","items":{"type":"object","properties":{"seats":{"type":"number"}}}},
                  "when":{"anyOf":[{"type":"string","format":"date-time"},{"type":"number"}]}}}""");
        JsonNode original = json("""
                {"eventTypeId":"42","uid":50,"attendee":{"name":"Ann","age":"30","remind":"true"},
                 "guests":[{"seats":"1.5"},{"seats":2}],"when":1760000000}""");
        Schema compiled = SchemaRegistry.withDialect(Dialects.getDraft202012()).getSchema(schema);

        assertFalse(compiled.validate(original).isEmpty(), "the original is refused");
        JsonNode coerced = COERCER.coerce(original, schema);
        assertEquals(List.of(), compiled.validate(coerced), coerced.toString());

        // What cannot be converted losslessly still fails, with the validator's own message.
        JsonNode lossy = json("{\"eventTypeId\":\"42.5\",\"attendee\":{\"name\":\"Ann\",\"age\":10.5}}");
        assertTrue(compiled.validate(COERCER.coerce(lossy, schema)).size() >= 2);
    }
}

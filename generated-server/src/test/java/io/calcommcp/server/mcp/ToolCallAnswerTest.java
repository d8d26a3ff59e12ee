package io.calcommcp.server.mcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.engine.Outcome;
import io.calcommcp.server.engine.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hand-written answer parses back to what the SDK would have written. */
class ToolCallAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTextIsEscapedAndTheStructuredContentIsTheSameJson() throws Exception {
        String body =
                "{\"title\":\"Caf\u00e9 \\\"quoted\\\" \\\\ back\\nline\\ttab \\u0001 \u20ac \ud83d\ude00\",\"n\":[1,2]}";
        ObjectNode structured = (ObjectNode) JSON.readTree(body);
        JsonNode answer = JSON.readTree(new String(
                ToolCallAnswer.of("7", ToolResult.json(structured, body, 200), JSON)
                        .toByteArray(),
                StandardCharsets.UTF_8));
        assertEquals(7, answer.get("id").asInt());
        assertEquals(body, answer.at("/result/content/0/text").asText());
        assertEquals("text", answer.at("/result/content/0/type").asText());
        assertEquals(structured, answer.at("/result/structuredContent"));
        assertEquals(false, answer.at("/result/isError").asBoolean());
    }

    @Test
    void textThatIsMostlyEscapesOutgrowsTheFirstGuessAndStaysExact() throws Exception {
        // Every character escapes, six bytes for the control characters: far more than the
        // eighth the buffer is first sized for.
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            value.append(i % 3 == 0 ? '"' : i % 3 == 1 ? '\u0002' : '\\');
        }
        ObjectNode structured = JSON.createObjectNode().put("v", value.toString());
        String body = JSON.writeValueAsString(structured);
        byte[] written = ToolCallAnswer.of("\"id-1\"", ToolResult.json(structured, body, 200), JSON)
                .toByteArray();
        JsonNode answer = JSON.readTree(written);
        assertEquals("id-1", answer.get("id").asText());
        assertEquals(body, answer.at("/result/content/0/text").asText());
        assertEquals(structured, answer.at("/result/structuredContent"));
        ToolCallAnswer again = ToolCallAnswer.of("\"id-1\"", ToolResult.json(structured, body, 200), JSON);
        assertEquals(-1, again.writeInto(new byte[again.expectedLength()], 0));
    }

    @Test
    void writesFromAnOffset_intoAnArrayOfExactlyItsLength_andRefusesOneByteLess() throws Exception {
        ObjectNode structured = JSON.createObjectNode().put("note", "a \"b\" c\n");
        String body = JSON.writeValueAsString(structured);
        // A string id with a character outside ASCII: the id is written as UTF-8, not cut to bytes.
        ToolCallAnswer answer = ToolCallAnswer.of("\"r\u00e9\"", ToolResult.json(structured, body, 200), JSON);
        byte[] alone = answer.toByteArray();
        byte[] into = new byte[10 + alone.length];
        assertEquals(into.length, answer.writeInto(into, 10));
        assertArrayEquals(alone, Arrays.copyOfRange(into, 10, into.length));
        assertEquals(-1, answer.writeInto(new byte[into.length - 1], 10));
        JsonNode parsed = JSON.readTree(alone);
        assertEquals("r\u00e9", parsed.get("id").asText());
        assertEquals(body, parsed.at("/result/content/0/text").asText());
    }

    @Test
    void aFailureCarriesItsErrorObjectAndNoMeta() throws Exception {
        ObjectNode details = JSON.createObjectNode().put("message", "nope");
        ToolResult plain = ToolResult.failure(Outcome.UPSTREAM_ERROR, 404, false, "Not found.", details);
        ToolResult failure = new ToolResult(
                true,
                plain.structured(),
                plain.text(),
                plain.outcome(),
                404,
                Optional.of(JSON.createObjectNode().put("ratelimit-remaining", 3)),
                false);
        JsonNode answer =
                JSON.readTree(ToolCallAnswer.of("\"a\"", failure, JSON).toByteArray());
        assertEquals("a", answer.get("id").asText());
        assertEquals(true, answer.at("/result/isError").asBoolean());
        assertEquals("Not found.", answer.at("/result/content/0/text").asText());
        assertEquals(
                404, answer.at("/result/structuredContent/error/httpStatus").asInt());
        assertEquals(true, answer.at("/result/_meta").isMissingNode());
    }

    @Test
    void aSuccessCarriesItsRateLimitInMeta() throws Exception {
        ObjectNode structured = JSON.createObjectNode().put("status", "success");
        String body = JSON.writeValueAsString(structured);
        ToolResult plain = ToolResult.json(structured, body, 200);
        ToolResult limited = new ToolResult(
                false,
                plain.structured(),
                plain.text(),
                plain.outcome(),
                200,
                Optional.of(JSON.createObjectNode().put("remaining", 3)),
                false);
        JsonNode answer = JSON.readTree(ToolCallAnswer.of("1", limited, JSON).toByteArray());
        assertEquals(
                3,
                answer.at("/result/_meta/" + McpToolSurface.RATE_LIMIT + "/remaining")
                        .asInt());
        assertEquals(structured, answer.at("/result/structuredContent"));
    }
}

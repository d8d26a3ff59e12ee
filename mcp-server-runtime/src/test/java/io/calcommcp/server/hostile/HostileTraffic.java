package io.calcommcp.server.hostile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/** What every answer to hostile traffic must be: JSON, and nothing about the server's insides. */
final class HostileTraffic {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A qualified class name such as io.modelcontextprotocol.spec.McpError or java.lang.Foo. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("(?<![A-Za-z0-9_])(java|javax|jakarta|io|org|com|sun|reactor)\\.[a-z][A-Za-z0-9_]*\\.");

    private HostileTraffic() {}

    /** Fails unless {@code body} is JSON without a stack trace, a class name or HTML. */
    static JsonNode assertSafeJson(String what, String body) {
        assertFalse(body.contains("stackTrace"), what + ": a stack trace in " + body);
        assertFalse(CLASS_NAME.matcher(body).find(), what + ": a class name in " + body);
        assertFalse(body.toLowerCase(java.util.Locale.ROOT).contains("<html"), what + ": HTML in " + body);
        assertFalse(body.contains("Exception"), what + ": an exception in " + body);
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + ": not JSON: " + body, e);
        }
    }

    /** The {@code request_refused} warn lines in {@code log}, parsed. */
    static List<JsonNode> refusals(String log) {
        return log.lines()
                .filter(line -> line.contains("\"request_refused\""))
                .map(line -> {
                    try {
                        JsonNode node = JSON.readTree(line);
                        assertTrue(node.path("level").asText().equals("warn"), "not at warn: " + line);
                        return node;
                    } catch (IOException e) {
                        throw new AssertionError("a log line is not JSON: " + line, e);
                    }
                })
                .toList();
    }
}

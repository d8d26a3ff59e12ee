package io.calcommcp.server.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes one JSON object per line: {@code ts}, {@code level}, {@code event} and the event's
 * fields. Always to stderr in practice, since stdout carries the MCP stream in stdio mode.
 *
 * <p>Callers pass only values they chose to log (names, statuses, durations, URLs without
 * credentials); nothing here formats exceptions or request contents, so a secret cannot slip in
 * by accident.
 */
public final class StructuredLog {

    private final PrintStream out;
    private final ObjectMapper json;

    /** @param out where lines go */
    public StructuredLog(PrintStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /** Logs an informational event. */
    public void info(String event, Consumer<ObjectNode> fields) {
        write("info", event, fields);
    }

    /** Logs an event that refused or cut off something a client sent. */
    public void warn(String event, Consumer<ObjectNode> fields) {
        write("warn", event, fields);
    }

    /** Logs an error event. */
    public void error(String event, Consumer<ObjectNode> fields) {
        write("error", event, fields);
    }

    private void write(String level, String event, Consumer<ObjectNode> fields) {
        ObjectNode line = json.createObjectNode();
        line.put("ts", Instant.now().toString()).put("level", level).put("event", event);
        fields.accept(line);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(line);
        } catch (JsonProcessingException e) {
            bytes = "{\"level\":\"error\",\"event\":\"log_failed\"}".getBytes(StandardCharsets.UTF_8);
        }
        byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
        withNewline[bytes.length] = '\n';
        // One write of the line's UTF-8 bytes: PrintStream's writes are synchronized, so concurrent
        // lines never interleave, and nothing is encoded again on the way out.
        out.write(withNewline, 0, withNewline.length);
        out.flush();
    }
}

package io.calcommcp.server.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
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
        String text;
        try {
            text = json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"level\":\"error\",\"event\":\"log_failed\"}";
        }
        // println on a PrintStream is synchronized: concurrent calls never interleave within a line.
        out.println(text);
    }
}

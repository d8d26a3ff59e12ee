package io.calcommcp.server.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ToolHints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The JSON-RPC answer to a {@code tools/list}, written from each tool's JSON, which is made once
 * (on the first list that shows the tool) and copied into every answer after it. The shape is the
 * one the SDK writes for its {@code ListToolsResult}: {@code name}, {@code title}, {@code
 * description}, {@code inputSchema} and {@code annotations} per tool, and no cursor (every tool
 * fits in one answer).
 *
 * <p>The SDK would parse each generated schema into maps at start-up and serialize the maps again
 * for each answer: for 78 tools that is tens of milliseconds per list on a cold JVM, and the first
 * one paid for building Jackson's serializers of the SDK's records as well.
 */
final class ToolListAnswer {

    /** A tool as listed: who it is shown to, and its JSON. */
    static final class Entry {
        private final Predicate<CallContext> shownTo;
        private final Supplier<byte[]> writer;
        private volatile byte[] json;

        Entry(Predicate<CallContext> shownTo, Supplier<byte[]> writer) {
            this.shownTo = shownTo;
            this.writer = writer;
        }

        byte[] json() {
            byte[] written = json;
            if (written == null) {
                written = writer.get();
                json = written;
            }
            return written;
        }
    }

    private static final byte[] ID = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOOLS = ",\"result\":{\"tools\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "]}}".getBytes(StandardCharsets.US_ASCII);

    private final List<Entry> entries;

    /** @param entries every tool, in the order lists show them */
    ToolListAnswer(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The answer for {@code caller}.
     *
     * @param id the request's id, already as JSON ({@code 7} or {@code "abc"})
     */
    byte[] answer(String id, CallContext caller) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        out.writeBytes(ID);
        out.writeBytes(id.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(TOOLS);
        boolean first = true;
        for (Entry entry : entries) {
            if (entry.shownTo.test(caller)) {
                if (!first) {
                    out.write(',');
                }
                out.writeBytes(entry.json());
                first = false;
            }
        }
        out.writeBytes(END);
        return out.toByteArray();
    }

    /**
     * A tool as {@code tools/list} shows it.
     *
     * @param inputSchema the schema as JSON text
     * @param hints its annotations (the annotations carry no second copy of the title)
     */
    record Listing(String name, String title, String description, String inputSchema, ToolHints hints) {

        /** A generated tool: its advertised description and schema, and its hints. */
        static Listing of(ToolDefinition definition) {
            return new Listing(
                    definition.name(),
                    definition.title(),
                    definition.advertised().description(),
                    definition.advertised().inputSchema(),
                    definition.hints());
        }
    }

    /**
     * A tool's entry. The schema is copied token by token, so what is written is JSON whatever the
     * text looked like.
     */
    static byte[] write(Listing tool, JsonFactory factory) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("name", tool.name());
            if (tool.title() != null) {
                g.writeStringField("title", tool.title());
            }
            if (tool.description() != null) {
                g.writeStringField("description", tool.description());
            }
            g.writeFieldName("inputSchema");
            try (JsonParser schema = factory.createParser(tool.inputSchema())) {
                if (schema.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException(tool.name() + ": the input schema is not a JSON object");
                }
                g.copyCurrentStructure(schema);
                if (schema.nextToken() != null) {
                    throw new IllegalStateException(tool.name() + ": text after the input schema");
                }
            }
            ToolHints hints = tool.hints();
            g.writeObjectFieldStart("annotations");
            g.writeBooleanField("readOnlyHint", hints.readOnly());
            g.writeBooleanField("destructiveHint", hints.destructive());
            g.writeBooleanField("idempotentHint", hints.idempotent());
            g.writeBooleanField("openWorldHint", hints.openWorld());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(tool.name() + ": cannot write its tools/list entry", e);
        }
        return out.toByteArray();
    }
}

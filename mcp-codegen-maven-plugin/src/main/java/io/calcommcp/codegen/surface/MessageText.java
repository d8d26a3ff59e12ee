package io.calcommcp.codegen.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fragments of change messages. Messages are read both as plain text and as Markdown, and every
 * change must stay on one line, so names and values are escaped and put in code spans.
 */
final class MessageText {

    /** Longer values are cut: a message names a change, it does not reproduce the schema. */
    private static final int MAX_VALUE_LENGTH = 80;

    private MessageText() {}

    /** {@code text} as a Markdown code span, with control characters escaped as in JSON. */
    static String code(String text) {
        String escaped = TextNode.valueOf(text).toString();
        escaped = escaped.substring(1, escaped.length() - 1).replace("\\\"", "\"");
        // A code span's fence must be longer than any backtick run inside it (CommonMark).
        int longestRun = 0;
        int run = 0;
        for (char c : escaped.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        String fence = "`".repeat(longestRun + 1);
        String padding = escaped.startsWith("`") || escaped.endsWith("`") ? " " : "";
        return fence + padding + escaped + padding + fence;
    }

    /** A JSON value as a code span: strings without quotes, anything else as JSON, shortened. */
    static String value(JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        if (text.length() > MAX_VALUE_LENGTH) {
            text = text.substring(0, MAX_VALUE_LENGTH - 3) + "...";
        }
        return code(text);
    }

    /** Values as comma-separated code spans. */
    static String values(List<JsonNode> values) {
        return values.stream().map(MessageText::value).collect(Collectors.joining(", "));
    }

    /** What a message is about: {@code argument `a.b`}, or {@code input schema} for the root. */
    static String subject(String argumentPath) {
        return argumentPath.isEmpty() ? "input schema" : "argument " + code(argumentPath);
    }
}

package io.calcommcp.server.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced code block of a Markdown guide that an HTML comment marks for {@link ReadmeCommandsIT}:
 *
 * <pre>
 * &lt;!-- ReadmeCommandsIT: run --&gt;
 * ```sh
 * java -jar generated-server/target/calcom-mcp-server.jar tools --json | jq length
 * #   78
 * ```
 * </pre>
 *
 * <p>{@code run} blocks are typed, one after the other, into one shell, so a variable set in one is
 * there in the next; a {@code serve} block is started in a terminal of its own and keeps running.
 * A line that starts with {@code #} and three spaces is output the block must print, in that order
 * among its other output; {@code ...} in it stands for any text and {@code <word>} for one word
 * (an id, a token). Every other line, comments included, is the script as a reader copies it.
 *
 * @param source the guide's name, for messages
 * @param line the line of the opening fence, counted from 1
 * @param kind run or serve
 * @param text the block's lines between the fences
 */
record MarkedBlock(String source, int line, Kind kind, String text) {

    /** How a block is run. */
    enum Kind {
        /** Typed into the guide's shell; must finish, with every command succeeding. */
        RUN,
        /** Started in a terminal of its own; runs until the next serve block or the guide's end. */
        SERVE
    }

    private static final Pattern MARKER = Pattern.compile("<!--\\s*ReadmeCommandsIT:\\s*(\\S+)\\s*-->");
    private static final String OUTPUT_PREFIX = "#   ";

    /**
     * The marked blocks of a guide, in order.
     *
     * @throws IllegalArgumentException for a marker of an unknown kind or without a block under it
     */
    static List<MarkedBlock> parse(String source, String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<MarkedBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher marker = MARKER.matcher(lines[i].trim());
            if (!marker.matches()) {
                continue;
            }
            Kind kind = kind(source, i + 1, marker.group(1));
            int fence = i + 1;
            while (fence < lines.length && lines[fence].isBlank()) {
                fence++;
            }
            if (fence == lines.length || !lines[fence].startsWith("```")) {
                throw new IllegalArgumentException(
                        source + ":" + (i + 1) + ": the ReadmeCommandsIT marker is not followed by a code block");
            }
            int end = fence + 1;
            while (end < lines.length && !lines[end].startsWith("```")) {
                end++;
            }
            if (end == lines.length) {
                throw new IllegalArgumentException(source + ":" + (fence + 1) + ": the code block is never closed");
            }
            List<String> body = List.of(lines).subList(fence + 1, end);
            blocks.add(new MarkedBlock(source, fence + 1, kind, String.join("\n", body)));
            i = end;
        }
        return List.copyOf(blocks);
    }

    private static Kind kind(String source, int line, String word) {
        return switch (word) {
            case "run" -> Kind.RUN;
            case "serve" -> Kind.SERVE;
            default ->
                throw new IllegalArgumentException(
                        source + ":" + line + ": unknown ReadmeCommandsIT marker '" + word + "' (run or serve)");
        };
    }

    /** This block with each key of {@code standIns} replaced by its value, in the script and the output. */
    MarkedBlock substituted(Map<String, String> standIns) {
        String replaced = text;
        for (Map.Entry<String, String> standIn : standIns.entrySet()) {
            replaced = replaced.replace(standIn.getKey(), standIn.getValue());
        }
        return new MarkedBlock(source, line, kind, replaced);
    }

    /** The output lines the block shows, without their {@code #   } prefix. */
    List<String> expectedOutput() {
        return text.lines()
                .filter(l -> l.startsWith(OUTPUT_PREFIX))
                .map(l -> l.substring(OUTPUT_PREFIX.length()))
                .toList();
    }

    /** Where the block is, for messages: {@code README.md:52}. */
    String where() {
        return source + ":" + line;
    }
}

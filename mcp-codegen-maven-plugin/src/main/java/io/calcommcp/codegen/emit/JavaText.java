package io.calcommcp.codegen.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Java text blocks ({@code """ ... """}) for generated sources, so a schema or a description reads
 * as itself instead of as escaped string fragments.
 */
final class JavaText {

    /** The most characters of text per line of a wrapped text block. */
    static final int WRAP_WIDTH = 96;

    /**
     * The largest text a text block holds here. A class-file string constant takes at most 65,535
     * bytes of (modified) UTF-8; this leaves room for characters that take three bytes.
     */
    static final int MAX_CONSTANT_CHARS = 21_000;

    private JavaText() {}

    /** Whether {@code text} fits into one string constant whatever characters it holds. */
    static boolean fitsConstant(String text) {
        return text.length() <= MAX_CONSTANT_CHARS || utf8Length(text) <= 65_000;
    }

    /**
     * {@code text} as Java source: a text block whose lines are the lines of the text, or, for the
     * rare text a text block cannot hold exactly, an ordinary string literal.
     */
    static CodeBlock literal(String text) {
        List<String> lines = List.of(text.split("\n", -1));
        if (!lines.stream().allMatch(JavaText::keepsItsEnd)) {
            return CodeBlock.of("$S", text);
        }
        return CodeBlock.of("$L", assemble(lines, List.of()));
    }

    /**
     * Whether a text block keeps this line as it is. The compiler strips white space at the end of
     * each line; a space or a control character there is escaped, but other white space (an em
     * space, say) would be lost.
     */
    private static boolean keepsItsEnd(String line) {
        if (line.isEmpty()) {
            return true;
        }
        char last = line.charAt(line.length() - 1);
        return last == ' ' || last < 0x20 || !Character.isWhitespace(last);
    }

    /**
     * A text block holding {@code text} (one paragraph, no line breaks) wrapped at spaces; each
     * line but the last ends with {@code \}, so the string has no line breaks either.
     */
    static CodeBlock wrapped(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            if (line.length() > 0 && line.length() + 1 + word.length() > WRAP_WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            } else if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        if (!lines.stream().allMatch(JavaText::keepsItsEnd)) {
            return CodeBlock.of("$S", text);
        }
        return CodeBlock.of("$L", assemble(lines, List.of(" \\")));
    }

    /** @param joiner empty for real line breaks, or the escape that continues a line without one */
    private static String assemble(List<String> lines, List<String> joiner) {
        StringBuilder out = new StringBuilder("\"\"\"\n");
        for (int i = 0; i < lines.size(); i++) {
            boolean last = i + 1 == lines.size();
            out.append(escape(lines.get(i), last));
            if (last) {
                out.append("\"\"\"");
            } else {
                joiner.forEach(out::append);
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Escapes one line of text-block content: backslashes, control characters, a space that ends the
     * line, every quote that is followed by another quote (so that no {@code """} can end the block
     * early), and on the last line a final quote, which would otherwise run into the closing
     * delimiter.
     */
    static String escape(String line, boolean last) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean quoteToEscape = c == '"' && (i + 1 < line.length() ? line.charAt(i + 1) == '"' : last);
            if (c == '\\') {
                out.append("\\\\");
            } else if (quoteToEscape) {
                out.append("\\\"");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code text}, which is too large for one class-file constant, as {@code String.join("", ...)}
     * of text blocks that each fit one: split between lines (each part but the last ends with its
     * line break), and a line too long for a part of its own between characters.
     */
    static CodeBlock parts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String line : text.split("(?<=\n)", -1)) {
            for (String piece : pieces(line)) {
                if (part.length() > 0 && !fitsConstant(part + piece)) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
                part.append(piece);
            }
        }
        parts.add(part.toString());
        CodeBlock.Builder join = CodeBlock.builder().add("$T.join(\n\"\"", String.class);
        for (String each : parts) {
            join.add(",\n$L", literal(each));
        }
        return join.add(")").build();
    }

    /** {@code line} in pieces that each fit a constant, never splitting a surrogate pair. */
    private static List<String> pieces(String line) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (line.length() - start > MAX_CONSTANT_CHARS) {
            int end = start + MAX_CONSTANT_CHARS;
            if (Character.isHighSurrogate(line.charAt(end - 1))) {
                end--;
            }
            pieces.add(line.substring(start, end));
            start = end;
        }
        pieces.add(line.substring(start));
        return pieces;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c == 0 ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }
}

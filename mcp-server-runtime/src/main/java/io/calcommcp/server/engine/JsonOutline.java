package io.calcommcp.server.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a list answer's shaping needs to know of a JSON object, read in one pass over its bytes
 * without building a tree: whether it is well-formed, how many members it has and whether one is
 * the cursor, how many records the array at the records pointer holds, and the flag at the
 * has-more pointer. A 10 KB page of bookings is read this way at a fraction of what its tree costs;
 * the tree is built only if something asks for it (a transport that writes trees, a cut answer).
 *
 * @param members how many members the object has
 * @param hasCursor whether one of them is the cursor's key
 * @param records how many elements the array at the records pointer has; empty when there is no
 *     array there
 * @param more the boolean at the has-more pointer; empty when there is none
 */
record JsonOutline(int members, boolean hasCursor, Optional<Integer> records, Optional<Boolean> more) {

    /** The pointers an outline can follow: object member names only, as records pointers are. */
    static boolean canFollow(String pointer) {
        for (String segment : segments(pointer)) {
            if (segment.isEmpty() || Character.isDigit(segment.charAt(0)) || segment.equals("-")) {
                return false;
            }
        }
        return !pointer.contains("~");
    }

    /**
     * Deeper JSON is not outlined but left to the tree parser (which takes up to a thousand levels):
     * this reader recurses, and API answers nest a handful of levels.
     */
    static final int MAX_DEPTH = 100;

    /** The JSON nests deeper than {@link #MAX_DEPTH}. */
    private static final class TooDeep extends IOException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super("nested deeper than " + MAX_DEPTH + " levels", null);
        }
    }

    /**
     * Reads {@code utf8}, which starts with an object's opening brace.
     *
     * @param recordsPointer where the records are (a pointer {@link #canFollow} accepts), or null
     * @param morePointer where the has-more flag is (likewise), or null
     * @return empty if the JSON is not an object, whose outline this does not describe, or if it
     *     nests deeper than {@link #MAX_DEPTH}
     * @throws IOException if it is not one well-formed JSON object (RFC 8259, in UTF-8)
     */
    static Optional<JsonOutline> read(byte[] utf8, String cursorKey, String recordsPointer, String morePointer)
            throws IOException {
        Scan scan = new Scan(utf8, cursorKey, recordsPointer, morePointer);
        scan.whitespace();
        if (scan.at >= utf8.length || utf8[scan.at] != '{') {
            return Optional.empty();
        }
        try {
            scan.object(1, 0, 0);
        } catch (TooDeep e) {
            return Optional.empty();
        }
        scan.whitespace();
        if (scan.at != utf8.length) {
            // The bytes are passed on as they are: anything after the object would break the answer.
            throw scan.error("content after the JSON object");
        }
        return Optional.of(new JsonOutline(
                scan.members, scan.hasCursor, Optional.ofNullable(scan.records), Optional.ofNullable(scan.more)));
    }

    /**
     * One pass over the bytes, checking the grammar as it goes. Written out rather than driven by
     * Jackson's token parser: a list answer is read once per call, and on the one CPU a server gets
     * the general parser cost several times this loop (and more still until it was compiled).
     *
     * <p>Where the records and the flag are is followed by how many segments of each pointer the
     * path to the current value matches ({@code -1}: none, or it left the pointer); inside arrays
     * nothing is followed, since pointers name object members only.
     */
    private static final class Scan {
        private final byte[] in;
        private final byte[] cursorKey;
        private final byte[][] recordsPath;
        private final byte[][] morePath;
        private int at;
        int members;
        boolean hasCursor;
        Integer records;
        Boolean more;

        Scan(byte[] in, String cursorKey, String recordsPointer, String morePointer) {
            this.in = in;
            this.cursorKey = cursorKey.getBytes(StandardCharsets.UTF_8);
            this.recordsPath = recordsPointer == null ? null : utf8Segments(recordsPointer);
            this.morePath = morePointer == null ? null : utf8Segments(morePointer);
        }

        /** An object at {@code at}; {@code recordsDepth}/{@code moreDepth}: pointer segments matched. */
        void object(int depth, int recordsDepth, int moreDepth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new TooDeep();
            }
            at++;
            whitespace();
            if (peek() == '}') {
                at++;
                return;
            }
            while (true) {
                if (peek() != '"') {
                    throw error("a member name must be a string");
                }
                int nameStart = at + 1;
                boolean escaped = string();
                int nameEnd = at - 1;
                whitespace();
                if (peek() != ':') {
                    throw error("a colon must follow a member name");
                }
                at++;
                whitespace();
                if (depth == 1) {
                    members++;
                    hasCursor |= nameIs(nameStart, nameEnd, escaped, cursorKey);
                }
                int childRecords = follows(recordsPath, recordsDepth, depth, nameStart, nameEnd, escaped);
                int childMore = follows(morePath, moreDepth, depth, nameStart, nameEnd, escaped);
                value(depth, childRecords, childMore);
                whitespace();
                if (closes('}', "a comma or a closing brace must follow a member")) {
                    return;
                }
            }
        }

        /** How much of {@code path} the member's path matches: one more segment, or -1. */
        private int follows(byte[][] path, int matched, int depth, int nameStart, int nameEnd, boolean escaped)
                throws IOException {
            if (path == null || matched != depth - 1 || matched >= path.length) {
                return -1;
            }
            return nameIs(nameStart, nameEnd, escaped, path[matched]) ? matched + 1 : -1;
        }

        private void value(int depth, int recordsDepth, int moreDepth) throws IOException {
            byte b = peek();
            switch (b) {
                case '{' -> object(depth + 1, recordsDepth, moreDepth);
                case '[' -> {
                    int count = array(depth + 1);
                    if (records == null && recordsPath != null && recordsDepth == recordsPath.length) {
                        records = count;
                    }
                }
                case '"' -> string();
                case 't', 'f' -> {
                    boolean value = b == 't';
                    literal(value ? TRUE : FALSE);
                    if (more == null && morePath != null && moreDepth == morePath.length) {
                        more = value;
                    }
                }
                case 'n' -> literal(NULL);
                default -> number();
            }
        }

        /** Skips an array, checking it, and says how many elements it has. */
        private int array(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new TooDeep();
            }
            at++;
            whitespace();
            if (peek() == ']') {
                at++;
                return 0;
            }
            int count = 0;
            while (true) {
                value(depth, -1, -1);
                count++;
                whitespace();
                if (closes(']', "a comma or a closing bracket must follow an element")) {
                    return count;
                }
            }
        }

        /** After a member or an element: true at {@code closer}, false after a comma, else an error. */
        private boolean closes(char closer, String otherwise) throws IOException {
            byte next = peek();
            at++;
            if (next == closer) {
                return true;
            }
            if (next != ',') {
                throw error(otherwise);
            }
            whitespace();
            return false;
        }

        /** Skips a string, checking its escapes and its UTF-8; says whether it has escapes. */
        private boolean string() throws IOException {
            byte[] bytes = in;
            int i = at + 1;
            boolean escaped = false;
            while (true) {
                // Most of a string is printable ASCII other than a quote or a backslash: those bytes
                // are passed in a loop of their own, with the position in a local. (As a signed
                // byte, anything from 0x80 up is negative, so it ends the run too.)
                while (i < bytes.length) {
                    byte b = bytes[i];
                    if (b < 0x20 || b == '"' || b == '\\') {
                        break;
                    }
                    i++;
                }
                at = i;
                if (i >= bytes.length) {
                    throw error("the JSON ends inside a string");
                }
                int b = bytes[i] & 0xff;
                if (b == '"') {
                    at = i + 1;
                    return escaped;
                }
                if (b < 0x20) {
                    throw error("a control character inside a string");
                }
                if (b == '\\') {
                    escaped = true;
                    escape();
                } else {
                    multiByte(b);
                }
                i = at;
            }
        }

        private void escape() throws IOException {
            at++;
            byte b = peek();
            at++;
            switch (b) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                    // a one-character escape
                }
                case 'u' -> {
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(peek(), 16) < 0) {
                            throw error("a malformed unicode escape");
                        }
                        at++;
                    }
                }
                default -> throw error("an unknown escape in a string");
            }
        }

        /** One character of two to four bytes, checked as UTF-8 is (no overlong forms, no surrogates). */
        private void multiByte(int first) throws IOException {
            int length;
            int min;
            if (first >= 0xc2 && first <= 0xdf) {
                length = 2;
                min = 0x80;
            } else if (first >= 0xe0 && first <= 0xef) {
                length = 3;
                min = 0x800;
            } else if (first >= 0xf0 && first <= 0xf4) {
                length = 4;
                min = 0x10000;
            } else {
                throw error("bytes that are not UTF-8");
            }
            if (at + length > in.length) {
                throw error("bytes that are not UTF-8");
            }
            int code = first & (0xff >> (length + 1));
            for (int i = 1; i < length; i++) {
                int next = in[at + i] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    throw error("bytes that are not UTF-8");
                }
                code = code << 6 | (next & 0x3f);
            }
            if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
                throw error("bytes that are not UTF-8");
            }
            at += length;
        }

        /** A number as RFC 8259 writes it: -? int frac? exp?. */
        private void number() throws IOException {
            int start = at;
            if (peekOrZero() == '-') {
                at++;
            }
            if (peekOrZero() == '0') {
                at++;
            } else if (digits() == 0) {
                at = start;
                throw error("a value is expected here");
            }
            if (peekOrZero() == '.') {
                at++;
                if (digits() == 0) {
                    throw error("a digit must follow a decimal point");
                }
            }
            byte e = peekOrZero();
            if (e == 'e' || e == 'E') {
                at++;
                byte sign = peekOrZero();
                if (sign == '+' || sign == '-') {
                    at++;
                }
                if (digits() == 0) {
                    throw error("a digit must follow an exponent");
                }
            }
        }

        private int digits() {
            int count = 0;
            while (at < in.length && in[at] >= '0' && in[at] <= '9') {
                at++;
                count++;
            }
            return count;
        }

        private void literal(byte[] word) throws IOException {
            if (at + word.length > in.length || !Arrays.equals(in, at, at + word.length, word, 0, word.length)) {
                throw error("a value is expected here");
            }
            at += word.length;
        }

        void whitespace() {
            while (at < in.length) {
                byte b = in[at];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return;
                }
                at++;
            }
        }

        private byte peek() throws IOException {
            if (at >= in.length) {
                throw error("the JSON ends too early");
            }
            return in[at];
        }

        private byte peekOrZero() {
            return at < in.length ? in[at] : 0;
        }

        /** Whether the string between the quotes at {@code start} and {@code end} is {@code name}. */
        private boolean nameIs(int start, int end, boolean escaped, byte[] name) throws IOException {
            if (!escaped) {
                return Arrays.equals(in, start, end, name, 0, name.length);
            }
            // Rare: a name with escapes is compared as the text it stands for.
            return unescaped(start, end).equals(new String(name, StandardCharsets.UTF_8));
        }

        /** The text of a string's bytes between its quotes, escapes resolved (they were checked). */
        private String unescaped(int start, int end) {
            StringBuilder text = new StringBuilder(end - start);
            int i = start;
            while (i < end) {
                int run = i;
                while (i < end && in[i] != '\\') {
                    i++;
                }
                text.append(new String(in, run, i - run, StandardCharsets.UTF_8));
                if (i >= end) {
                    break;
                }
                byte b = in[i + 1];
                i += 2;
                switch (b) {
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        text.append((char) Integer.parseInt(new String(in, i, 4, StandardCharsets.US_ASCII), 16));
                        i += 4;
                    }
                    default -> text.append((char) b);
                }
            }
            return text.toString();
        }

        IOException error(String what) {
            return new IOException("Not well-formed JSON at byte " + at + ": " + what);
        }

        private static byte[][] utf8Segments(String pointer) {
            List<String> segments = segments(pointer);
            byte[][] bytes = new byte[segments.size()][];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = segments.get(i).getBytes(StandardCharsets.UTF_8);
            }
            return bytes;
        }
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        for (String segment : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1)) {
            segments.add(segment);
        }
        return segments;
    }
}

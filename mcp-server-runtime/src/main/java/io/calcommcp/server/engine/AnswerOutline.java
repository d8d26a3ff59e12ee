package io.calcommcp.server.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a list answer's shaping needs to know of a JSON object, read in one pass of Jackson's
 * streaming parser over its bytes without building a tree: that it is one well-formed object, how
 * many members it has and whether one is the cursor, how many records the array at the records
 * pointer holds, and the flag at the has-more pointer. Only the path to those is followed; every
 * other value is skipped whole ({@link JsonParser#skipChildren}), so a page of bookings costs a
 * scan of its bytes, not a tree; the tree is built only if something asks for it (a transport
 * that writes trees, a cut answer).
 *
 * @param members how many members the object has
 * @param hasCursor whether one of them is the cursor's key
 * @param records how many elements the array at the records pointer has; empty when there is no
 *     array there
 * @param more the boolean at the has-more pointer; empty when there is none
 */
record AnswerOutline(int members, boolean hasCursor, Optional<Integer> records, Optional<Boolean> more) {

    /** The pointers an outline can follow: object member names only, as records pointers are. */
    static boolean canFollow(String pointer) {
        for (String segment : segments(pointer)) {
            if (segment.isEmpty() || Character.isDigit(segment.charAt(0)) || segment.equals("-")) {
                return false;
            }
        }
        return !pointer.contains("~");
    }

    /** A name the outline depends on occurs twice in one object: which value counts is the tree's call. */
    private static final class Ambiguous extends IOException {
        private static final long serialVersionUID = 1L;

        Ambiguous() {
            super("a member that the outline follows occurs twice", null);
        }
    }

    /**
     * Reads {@code utf8}.
     *
     * @param recordsPointer where the records are (a pointer {@link #canFollow} accepts), or null
     * @param morePointer where the has-more flag is (likewise), or null
     * @return empty if the JSON is not an object, whose outline this does not describe, or if a
     *     member on the followed path occurs twice in its object
     * @throws IOException if it is not one well-formed JSON object
     */
    static Optional<AnswerOutline> read(
            JsonFactory factory, byte[] utf8, String cursorKey, String recordsPointer, String morePointer)
            throws IOException {
        try (JsonParser parser = factory.createParser(utf8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Walk walk = new Walk(parser, cursorKey, recordsPointer, morePointer);
            try {
                walk.object(0, 0, 0);
            } catch (Ambiguous e) {
                return Optional.empty();
            }
            if (parser.nextToken() != null) {
                // The bytes are passed on as they are: anything after the object would break the answer.
                throw new IOException("content after the JSON object");
            }
            return Optional.of(new AnswerOutline(
                    walk.members, walk.hasCursor, Optional.ofNullable(walk.records), Optional.ofNullable(walk.more)));
        }
    }

    /**
     * The walk over the tokens. Where the records and the flag are is followed by how many
     * segments of each pointer the path to the current object matches ({@code -1}: it left the
     * pointer); inside arrays nothing is followed, since the pointers name object members only.
     */
    private static final class Walk {
        private final JsonParser parser;
        private final String cursorKey;
        private final List<String> recordsPath;
        private final List<String> morePath;
        int members;
        boolean hasCursor;
        Integer records;
        Boolean more;

        Walk(JsonParser parser, String cursorKey, String recordsPointer, String morePointer) {
            this.parser = parser;
            this.cursorKey = cursorKey;
            this.recordsPath = recordsPointer == null ? null : segments(recordsPointer);
            this.morePath = morePointer == null ? null : segments(morePointer);
        }

        /** The object whose start is the current token, at {@code depth} (0: the answer itself). */
        void object(int depth, int recordsDepth, int moreDepth) throws IOException {
            Set<String> followed = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int childRecords = follows(recordsPath, recordsDepth, depth, name);
                int childMore = follows(morePath, moreDepth, depth, name);
                boolean cursor = depth == 0 && name.equals(cursorKey);
                if (depth == 0) {
                    members++;
                    hasCursor |= cursor;
                }
                if (childRecords >= 0 || childMore >= 0 || cursor) {
                    if (followed == null) {
                        followed = new HashSet<>(4);
                    }
                    if (!followed.add(name)) {
                        throw new Ambiguous();
                    }
                }
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT && (childRecords >= 0 || childMore >= 0)) {
                    object(depth + 1, childRecords, childMore);
                } else if (value == JsonToken.START_ARRAY
                        && recordsPath != null
                        && childRecords == recordsPath.size()) {
                    records = elements();
                } else if (value.isBoolean() && morePath != null && childMore == morePath.size()) {
                    more = value == JsonToken.VALUE_TRUE;
                } else {
                    parser.skipChildren();
                }
            }
        }

        /** How much of {@code path} the member's path matches: one more segment, or -1. */
        private static int follows(List<String> path, int matched, int depth, String name) {
            if (path == null || matched != depth || matched >= path.size()) {
                return -1;
            }
            return name.equals(path.get(matched)) ? matched + 1 : -1;
        }

        /** Skips the array whose start is the current token and says how many elements it has. */
        private int elements() throws IOException {
            int count = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                count++;
                parser.skipChildren();
            }
            return count;
        }
    }

    private static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        for (String segment : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1)) {
            segments.add(segment);
        }
        return segments;
    }
}

package io.calcommcp.server.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a list answer's shaping needs to know of a JSON object, read in one pass over its tokens
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
     * Reads {@code utf8}.
     *
     * @param recordsPointer where the records are (a pointer {@link #canFollow} accepts), or null
     * @param morePointer where the has-more flag is (likewise), or null
     * @return empty if the JSON is not an object, whose outline this does not describe (it is not
     *     read further)
     * @throws IOException if it is not one well-formed JSON object
     */
    static Optional<JsonOutline> read(
            JsonFactory factory, byte[] utf8, String cursorKey, String recordsPointer, String morePointer)
            throws IOException {
        List<String> recordsPath = recordsPointer == null ? null : segments(recordsPointer);
        List<String> morePath = morePointer == null ? null : segments(morePointer);
        try (JsonParser parser = factory.createParser(utf8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            // The names that lead to the token being read: path.get(d) is the member name at depth d + 1.
            List<String> path = new ArrayList<>();
            path.add(null);
            int members = 0;
            boolean hasCursor = false;
            Integer records = null;
            Boolean more = null;
            while (!path.isEmpty()) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw new JsonEOFException(parser, null, "the JSON ends inside its object");
                }
                switch (token) {
                    case FIELD_NAME -> {
                        path.set(path.size() - 1, parser.currentName());
                        if (path.size() == 1) {
                            members++;
                            hasCursor |= cursorKey.equals(parser.currentName());
                        }
                    }
                    case START_ARRAY -> {
                        if (records == null && path.equals(recordsPath)) {
                            records = countElements(parser);
                        } else {
                            // Arrays are only counted, never looked into: pointers name members only.
                            parser.skipChildren();
                        }
                    }
                    case START_OBJECT -> path.add(null);
                    case END_OBJECT -> path.remove(path.size() - 1);
                    case VALUE_TRUE, VALUE_FALSE -> {
                        if (more == null && path.equals(morePath)) {
                            more = token == JsonToken.VALUE_TRUE;
                        }
                    }
                    default -> {
                        // a string, a number or null: nothing to know about it
                    }
                }
            }
            if (parser.nextToken() != null) {
                // The bytes are passed on as they are: anything after the object would break the answer.
                throw new JsonParseException(parser, "content after the JSON object");
            }
            return Optional.of(
                    new JsonOutline(members, hasCursor, Optional.ofNullable(records), Optional.ofNullable(more)));
        }
    }

    private static int countElements(JsonParser parser) throws IOException {
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            count++;
            parser.skipChildren();
        }
        return count;
    }

    private static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        for (String segment : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1)) {
            segments.add(segment);
        }
        return segments;
    }
}

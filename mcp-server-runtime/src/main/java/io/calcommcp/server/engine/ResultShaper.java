package io.calcommcp.server.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.toolapi.Paging;
import java.util.Optional;

/**
 * Gives a successful list answer its final shape: a paging tool's {@code next_cursor} when more
 * records follow, and an answer larger than the cap cut between records, never inside one.
 *
 * <p>A model pays for every byte of a result, and one 200 KB list can crowd everything else out
 * of its context. So an oversized list keeps as many whole records as fit, says {@code "truncated":
 * true} and how many records it dropped, and for a paging tool its cursor continues right after
 * the last record returned, so nothing is lost. An answer without a list where the records should
 * be is passed on whole: there is no record boundary to cut at.
 */
final class ResultShaper {

    /** What a cursor costs in the answer, with its key: a bound, so the cut leaves room for it. */
    private static final int CURSOR_ROOM = 80;

    private final ObjectMapper json;
    private final Pager pager;
    private final int maxBytes;
    private final Optional<String> recordsPointer;

    /**
     * @param maxBytes the largest result, in bytes of JSON
     * @param recordsPointer where list answers keep their records, for tools that do not page
     */
    ResultShaper(ObjectMapper json, Pager pager, int maxBytes, Optional<String> recordsPointer) {
        this.json = json;
        this.pager = pager;
        this.maxBytes = maxBytes;
        this.recordsPointer = recordsPointer;
    }

    ToolResult shape(String tool, ToolResult result, Optional<Pager.Page> page) {
        if (result.isError()) {
            return result;
        }
        Optional<String> at = recordsAt(page);
        if (at.isEmpty()) {
            return result;
        }
        AnswerOutline outline = result.outline();
        if (outline != null && !(result.json().length > maxBytes)) {
            return shapeOutlined(tool, result, outline, page);
        }
        return shapeTree(tool, result, page, at.get());
    }

    /**
     * The pointers whose values {@link #shape} needs for a call with {@code page}, for the answer
     * to be outlined with ({@link AnswerOutline}); null when there is nothing to follow, or a pointer
     * an outline cannot follow (the answer's tree is read then).
     */
    Watch watch(Optional<Pager.Page> page) {
        Optional<String> at = recordsAt(page);
        if (at.isEmpty()) {
            return Watch.NOTHING;
        }
        Optional<String> flag = page.flatMap(p -> p.paging().hasMorePointer());
        if (!AnswerOutline.canFollow(at.get()) || flag.isPresent() && !AnswerOutline.canFollow(flag.get())) {
            return null;
        }
        return new Watch(at.get(), flag.orElse(null));
    }

    /**
     * What {@link UpstreamAnswers} outlines a success's JSON for.
     *
     * @param records the records' pointer, or null
     * @param more the has-more flag's pointer, or null
     */
    record Watch(String records, String more) {
        static final Watch NOTHING = new Watch(null, null);
    }

    /** Where the records are: the page's pointer, or the profile's for tools that do not page. */
    private Optional<String> recordsAt(Optional<Pager.Page> page) {
        Optional<String> pointer = page.map(p -> p.paging().recordsPointer()).or(() -> recordsPointer);
        // An answer that is a bare list reaches here wrapped as {"data": [...]} (see UpstreamAnswers).
        return pointer.map(p -> p.isEmpty() ? "/data" : p);
    }

    /** {@link #shape} from the outline: nothing to cut, at most a cursor to append. */
    private ToolResult shapeOutlined(String tool, ToolResult result, AnswerOutline outline, Optional<Pager.Page> page) {
        if (outline.records().isEmpty() || page.isEmpty()) {
            return result;
        }
        int count = outline.records().get();
        boolean more = outline.more().orElse(count >= page.get().limit());
        if (!more) {
            return result;
        }
        if (outline.hasCursor()) {
            // The API has a member of that name already: the tree replaces it.
            return shapeTree(tool, result, page, recordsAt(page).orElseThrow());
        }
        String cursor = pager.next(tool, page.get(), count);
        return result.withContent(json, withMember(result.json(), outline.members() > 0, Paging.CURSOR, cursor));
    }

    private ToolResult shapeTree(String tool, ToolResult result, Optional<Pager.Page> page, String at) {
        ObjectNode structured = result.structured();
        JsonNode records = structured.at(at);
        if (!records.isArray()) {
            return result;
        }
        int count = records.size();
        boolean oversized = result.json() != null
                ? result.json().length > maxBytes
                // A UTF-16 unit is at most three UTF-8 bytes: most answers are short enough not to count.
                : (long) result.text().length() * 3 > maxBytes && utf8Length(result.text()) > maxBytes;
        int kept = oversized ? fitting((ArrayNode) records, structured, at, page.isPresent()) : count;
        boolean more = page.isPresent() && (kept < count || hasMore(structured, page.get(), count));
        if (kept == count && !more) {
            return result;
        }
        if (kept == count && result.json() != null && !structured.has(Paging.CURSOR)) {
            // Only the cursor is added: it goes at the end of the API's own bytes, and into the
            // tree (which this call parsed, and nobody else holds), without copying or writing either.
            String cursor = pager.next(tool, page.get(), kept);
            structured.put(Paging.CURSOR, cursor);
            return result.withContent(
                    structured, withMember(result.json(), structured.size() > 1, Paging.CURSOR, cursor));
        }
        ObjectNode shaped = structured.deepCopy();
        if (kept < count) {
            ArrayNode cut = ((ArrayNode) shaped.at(at));
            while (cut.size() > kept) {
                cut.remove(cut.size() - 1);
            }
            shaped.put("truncated", true);
            shaped.put("dropped_records", count - kept);
        }
        if (more) {
            shaped.put(Paging.CURSOR, pager.next(tool, page.get(), kept));
        }
        return result.withContent(shaped, bytes(shaped));
    }

    /** Whether records follow this page: the answer's own flag, or else a full page. */
    private static boolean hasMore(ObjectNode structured, Pager.Page page, int count) {
        Optional<String> flag = page.paging().hasMorePointer();
        if (flag.isPresent()) {
            JsonNode value = structured.at(flag.get());
            if (value.isBoolean()) {
                return value.booleanValue();
            }
        }
        return count >= page.limit();
    }

    /** How many leading records fit within the cap with the rest of the answer; at least one. */
    private int fitting(ArrayNode records, ObjectNode structured, String at, boolean paging) {
        ObjectNode frame = structured.deepCopy();
        ((ArrayNode) frame.at(at)).removeAll();
        frame.put("truncated", true).put("dropped_records", records.size());
        long used = utf8Length(write(frame)) + (paging ? CURSOR_ROOM : 0);
        int kept = 0;
        for (JsonNode record : records) {
            long size = utf8Length(write(record)) + 1; // and its comma
            if (kept > 0 && used + size > maxBytes) {
                break;
            }
            used += size;
            kept++;
        }
        return kept;
    }

    /**
     * The JSON object {@code object} (UTF-8, ending in its closing brace) with one more string
     * member at its end.
     */
    private byte[] withMember(byte[] object, boolean hasMembers, String name, String value) {
        byte[] member = bytes(json.createObjectNode().put(name, value));
        // member is {"name":"value"}: its inside goes before the object's closing brace.
        int insideLength = member.length - 2;
        int close = object.length - 1;
        byte[] out = new byte[close + (hasMembers ? 1 : 0) + insideLength + 1];
        System.arraycopy(object, 0, out, 0, close);
        int at = close;
        if (hasMembers) {
            out[at++] = ',';
        }
        System.arraycopy(member, 1, out, at, insideLength);
        out[out.length - 1] = '}';
        return out;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    /** The length of {@code text} in UTF-8, without encoding it. */
    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}

package io.calcommcp.toolapi;

import java.util.Objects;
import java.util.Optional;

/**
 * How a list operation pages, so that the model pages with the same two arguments everywhere:
 * {@value #LIMIT} (how many records) and {@value #CURSOR} (where the previous page ended). The
 * route keeps the API's own paging parameters and the server fills them in; the model never sees
 * them.
 *
 * <pre>{@code
 * Paging.offset("take", "skip").records("/data").hasMore("/pagination/hasNextPage").limits(100, 250)
 * }</pre>
 *
 * @param limitParameter the API's page-size query parameter, such as {@code take}
 * @param offsetParameter the API's query parameter for how many records to skip, such as {@code skip}
 * @param recordsPointer where the page's records sit in the answer, a JSON pointer such as {@code
 *     /data}; the empty pointer when the answer is the list itself
 * @param hasMorePointer where the answer says whether more records follow; without one, a full
 *     page means there may be more
 * @param defaultLimit the page size when the model gives none
 * @param maxLimit the largest page size the model may ask for
 */
public record Paging(
        String limitParameter,
        String offsetParameter,
        String recordsPointer,
        Optional<String> hasMorePointer,
        int defaultLimit,
        int maxLimit) {

    /** The tool argument for the page size. */
    public static final String LIMIT = "limit";

    /** The tool argument that continues where the previous page ended. */
    public static final String CURSOR = "next_cursor";

    public Paging {
        Objects.requireNonNull(limitParameter, "limitParameter");
        Objects.requireNonNull(offsetParameter, "offsetParameter");
        Objects.requireNonNull(recordsPointer, "recordsPointer");
        Objects.requireNonNull(hasMorePointer, "hasMorePointer");
        if (!recordsPointer.isEmpty() && !recordsPointer.startsWith("/")) {
            throw new IllegalArgumentException(
                    "the records pointer must be empty or start with /, found '" + recordsPointer + "'");
        }
        hasMorePointer.filter(p -> !p.startsWith("/")).ifPresent(p -> {
            throw new IllegalArgumentException("the has-more pointer must start with /, found '" + p + "'");
        });
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException(
                    "limits must satisfy 1 <= default <= max, found " + defaultLimit + " and " + maxLimit);
        }
    }

    /**
     * Offset paging through these two query parameters: an answer that is the list of records,
     * no has-more flag, and pages of 100 (at most 100).
     */
    public static Paging offset(String limitParameter, String offsetParameter) {
        return new Paging(limitParameter, offsetParameter, "", Optional.empty(), 100, 100);
    }

    /** This paging, with the records at {@code pointer}. */
    public Paging records(String pointer) {
        return new Paging(limitParameter, offsetParameter, pointer, hasMorePointer, defaultLimit, maxLimit);
    }

    /** This paging, reading whether more records follow at {@code pointer}. */
    public Paging hasMore(String pointer) {
        return new Paging(
                limitParameter, offsetParameter, recordsPointer, Optional.of(pointer), defaultLimit, maxLimit);
    }

    /** This paging, with another default and largest page size. */
    public Paging limits(int defaultPageSize, int maxPageSize) {
        return new Paging(
                limitParameter, offsetParameter, recordsPointer, hasMorePointer, defaultPageSize, maxPageSize);
    }
}

package io.calcommcp.toolapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A place in one JSON record, as the search profile names it: a JSON pointer (RFC 6901, {@code ~0}
 * for {@code ~} and {@code ~1} for {@code /}) in which the segment {@value RouteArgument#ANY_ITEM}
 * stands for every item of an array, so that {@code /attendees/*}{@code /email} names every
 * attendee's email. The generator checks pointers with {@link #problem} when it reads the rules;
 * the server reads records with the same {@link #segments}.
 */
public final class RecordPointer {

    private RecordPointer() {}

    /**
     * What is wrong with {@code pointer}, if anything.
     *
     * @param manyValues whether the pointer may name many values (contain {@value
     *     RouteArgument#ANY_ITEM} segments); an id, a title or a sort key names one
     * @param emptyAllowed whether the empty pointer (the whole answer) is allowed
     */
    public static Optional<String> problem(String pointer, boolean manyValues, boolean emptyAllowed) {
        if (pointer.isEmpty()) {
            return emptyAllowed
                    ? Optional.empty()
                    : Optional.of("the empty pointer names the whole record, not one of its fields");
        }
        if (!pointer.startsWith("/")) {
            return Optional.of("a JSON pointer starts with /");
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~'
                    && (i + 1 == pointer.length() || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1'))) {
                return Optional.of("~ must be written ~0, and / inside a name ~1");
            }
        }
        if (!manyValues && segments(pointer).contains(RouteArgument.ANY_ITEM)) {
            return Optional.of("it names one value, so it cannot go through every item of an array ("
                    + RouteArgument.ANY_ITEM + ")");
        }
        return Optional.empty();
    }

    /**
     * The pointer's segments, unescaped; {@value RouteArgument#ANY_ITEM} for every item of an array.
     * The empty pointer has none.
     */
    public static List<String> segments(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    /** Whether {@code pointer} may name many values: it goes through every item of an array. */
    public static boolean manyValues(String pointer) {
        return segments(pointer).contains(RouteArgument.ANY_ITEM);
    }

    /** Throws unless {@code pointer} is a valid pointer of that kind, naming {@code what} it is for. */
    static String require(String what, String pointer, boolean manyValues, boolean emptyAllowed) {
        if (pointer == null) {
            throw new NullPointerException(what);
        }
        problem(pointer, manyValues, emptyAllowed).ifPresent(p -> {
            throw new IllegalArgumentException(what + " '" + pointer + "' is not a valid pointer: " + p);
        });
        return pointer;
    }
}

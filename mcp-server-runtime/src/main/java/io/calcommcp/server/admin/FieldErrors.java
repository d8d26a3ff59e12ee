package io.calcommcp.server.admin;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** What is wrong with a request, field by field, collected so that one answer names all of it. */
public final class FieldErrors {

    private final SortedMap<String, String> errors = new TreeMap<>();

    /** Notes what is wrong with {@code field} (a JSON path such as {@code config.methods}); the first note wins. */
    public void add(String field, String problem) {
        errors.putIfAbsent(field, problem);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /** Every note, sorted by field. */
    public SortedMap<String, String> all() {
        return Collections.unmodifiableSortedMap(errors);
    }

    /** Stops with every note, if there is one. */
    public void throwIfAny() throws InvalidRequestException {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}

package io.calcommcp.server.admin;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A request with bad fields; each is named with what is wrong and what is expected. */
public final class InvalidRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> fields;

    public InvalidRequestException(SortedMap<String, String> fields) {
        super(fields.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.fields = new TreeMap<>(fields);
    }

    /** What is wrong, by field. */
    public SortedMap<String, String> fields() {
        return new TreeMap<>(fields);
    }

    /** One field's problem. */
    public static InvalidRequestException of(String field, String problem) {
        return new InvalidRequestException(new TreeMap<>(Map.of(field, problem)));
    }
}

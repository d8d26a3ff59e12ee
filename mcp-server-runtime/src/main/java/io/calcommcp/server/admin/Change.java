package io.calcommcp.server.admin;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One field of a create or update request: left out, set to null (cleared, or the default), or
 * set to a value. A JSON PATCH distinguishes all three.
 */
public record Change<T>(Kind kind, Optional<T> value) {

    /** What the request says about the field. */
    public enum Kind {
        /** Left out: keep what is there (or the default when creating). */
        KEEP,
        /** Null: clear it, back to the default. */
        CLEAR,
        /** A value. */
        SET
    }

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if ((kind == Kind.SET) != value.isPresent()) {
            throw new IllegalArgumentException("a value goes with SET, and only with SET");
        }
    }

    public static <T> Change<T> keep() {
        return new Change<>(Kind.KEEP, Optional.empty());
    }

    public static <T> Change<T> clear() {
        return new Change<>(Kind.CLEAR, Optional.empty());
    }

    public static <T> Change<T> set(T value) {
        return new Change<>(Kind.SET, Optional.of(value));
    }

    /** The value after the change, given the current one. */
    public Optional<T> applyTo(Optional<T> current) {
        return switch (kind) {
            case KEEP -> current;
            case CLEAR -> Optional.empty();
            case SET -> value;
        };
    }

    public <U> Change<U> map(Function<T, U> mapper) {
        return new Change<>(kind, value.map(mapper));
    }

    public boolean isKept() {
        return kind == Kind.KEEP;
    }
}

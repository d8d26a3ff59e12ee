package io.calcommcp.codegen.core;

import java.util.Objects;

/**
 * One thing wrong with the inputs, reported with where it is and how to fix it.
 *
 * @param location where the problem is: {@code rules.yaml:12}, or a spec location such as
 *     {@code openapi.json paths./v2/bookings.post}
 * @param message what is wrong
 * @param hint how to fix it; may be empty
 */
public record Problem(String location, String message, String hint) {

    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    /** The problem as one or two log lines. */
    public String render() {
        return hint.isEmpty() ? location + ": " + message : location + ": " + message + "\n    fix: " + hint;
    }

    @Override
    public String toString() {
        return render();
    }
}

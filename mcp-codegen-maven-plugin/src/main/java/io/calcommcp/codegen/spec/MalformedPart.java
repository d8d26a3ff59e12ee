package io.calcommcp.codegen.spec;

import java.util.Objects;

/**
 * A part of the document that is not what OpenAPI says belongs there: a schema that is a string or
 * a number, a {@code type} that JSON Schema does not know, {@code properties} that are not an
 * object, a parameter list entry that is not a parameter. Found in the document as written, before
 * the parser replaces such parts with nothing.
 *
 * @param pointer the JSON pointer of the part
 * @param message what is wrong with it
 * @param fix how to correct it
 */
public record MalformedPart(String pointer, String message, String fix) {

    public MalformedPart {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** Whether the part lies inside the part at {@code pointer} (or is it). */
    boolean isWithin(String pointer) {
        return this.pointer.equals(pointer) || this.pointer.startsWith(pointer + "/");
    }
}

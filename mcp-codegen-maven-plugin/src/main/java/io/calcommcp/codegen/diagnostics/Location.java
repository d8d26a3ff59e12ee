package io.calcommcp.codegen.diagnostics;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where a diagnostic points: a file (or a parameter, or a URL), optionally a 1-based line, and
 * optionally a JSON pointer into the document. Rendered as {@code rules.yaml:12}, {@code
 * openapi.json#/paths/~1v2~1bookings/post} or just the file.
 *
 * @param file the file as the user named it, or what else the input is called ({@code packageName})
 * @param line the 1-based line, or 0 when unknown
 * @param pointer a JSON pointer into the document, or empty
 */
public record Location(String file, int line, String pointer) {

    public Location {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /** The whole file. */
    public static Location file(String file) {
        return new Location(file, 0, "");
    }

    /** One line of a file. */
    public static Location line(String file, int line) {
        return new Location(file, line, "");
    }

    /** A place in a JSON or YAML document, such as an operation of a spec. */
    public static Location pointer(String file, String pointer) {
        return new Location(file, 0, pointer);
    }

    /** The JSON pointer of a spec operation: {@code /paths/~1v2~1bookings/post}. */
    public static String operationPointer(String path, String method) {
        return "/paths/" + escape(path) + "/" + method.toLowerCase(java.util.Locale.ROOT);
    }

    /** The line, if known. */
    public OptionalInt knownLine() {
        return line == 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }

    /** {@code file:line}, {@code file#pointer} or {@code file}. */
    public String render() {
        if (line > 0) {
            return file + ":" + line;
        }
        return pointer.isEmpty() ? file : file + "#" + pointer;
    }

    @Override
    public String toString() {
        return render();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}

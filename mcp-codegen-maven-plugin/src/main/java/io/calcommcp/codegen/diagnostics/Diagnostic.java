package io.calcommcp.codegen.diagnostics;

import java.util.Objects;

/**
 * One thing wrong with, or worth a look in, the generator's inputs.
 *
 * @param severity whether it stops generation
 * @param location where it is
 * @param message what is wrong
 * @param fix how to fix it; empty when there is nothing to add
 */
public record Diagnostic(Severity severity, Location location, String message, String fix) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
    }

    public static Diagnostic error(Location location, String message, String fix) {
        return new Diagnostic(Severity.ERROR, location, message, fix);
    }

    public static Diagnostic warning(Location location, String message) {
        return new Diagnostic(Severity.WARNING, location, message, "");
    }

    public static Diagnostic warning(Location location, String message, String fix) {
        return new Diagnostic(Severity.WARNING, location, message, fix);
    }

    /** Whether it stops generation. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code location: message}, and the fix on a second line when there is one. */
    public String render() {
        String line = location.render() + ": " + message;
        return fix.isEmpty() ? line : line + "\n    fix: " + fix;
    }

    @Override
    public String toString() {
        return render();
    }
}

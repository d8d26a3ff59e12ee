package io.calcommcp.codegen.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one run, in the order found, so that a user fixes every problem in
 * one round instead of one per build. A stage reports into it and calls {@link #throwIfErrors} at
 * the point after which it cannot go on.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    public void error(Location location, String message, String fix) {
        all.add(Diagnostic.error(location, message, fix));
    }

    public void warning(Location location, String message) {
        all.add(Diagnostic.warning(location, message));
    }

    public void warning(Location location, String message, String fix) {
        all.add(Diagnostic.warning(location, message, fix));
    }

    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    public void addAll(List<Diagnostic> diagnostics) {
        all.addAll(diagnostics);
    }

    /** How many errors were reported so far; compare before and after a step to see if it failed. */
    public int errorCount() {
        return (int) all.stream().filter(Diagnostic::isError).count();
    }

    public boolean hasErrors() {
        return errorCount() > 0;
    }

    /** Every error so far. */
    public List<Diagnostic> errors() {
        return all.stream().filter(Diagnostic::isError).toList();
    }

    /** Every warning so far. */
    public List<Diagnostic> warnings() {
        return all.stream().filter(d -> !d.isError()).toList();
    }

    /** Stops with every error so far, if there is one. */
    public void throwIfErrors() throws CodegenException {
        if (hasErrors()) {
            throw new CodegenException(errors());
        }
    }
}

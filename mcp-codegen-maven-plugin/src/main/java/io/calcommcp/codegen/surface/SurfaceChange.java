package io.calcommcp.codegen.surface;

import java.util.Objects;
import java.util.Optional;

/**
 * One difference between the locked and the current tool surface.
 *
 * @param tool the tool's current name (its old name if it was removed)
 * @param argument the dotted argument path, e.g. {@code attendee.timeZone}, {@code guests[]} for
 *     array items or {@code location.oneOf[2]} for a variant; empty for tool-level changes and
 *     changes to the input schema as a whole
 * @param kind what changed
 * @param breaking whether a model or client that worked before may now fail
 * @param message a short human description without the tool name, e.g. {@code argument
 *     `lengthInMinutes` removed}
 */
public record SurfaceChange(String tool, Optional<String> argument, ChangeKind kind, boolean breaking, String message) {

    public SurfaceChange {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(argument, "argument");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}

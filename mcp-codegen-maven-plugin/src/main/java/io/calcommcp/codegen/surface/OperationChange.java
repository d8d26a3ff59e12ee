package io.calcommcp.codegen.surface;

import java.util.Objects;

/**
 * A change to the operations of the spec, or to whether the rules expose one, between the lock
 * and now. Tool-level consequences (a tool added or removed) are also reported as {@link
 * SurfaceChange}s; these lines say why, and cover operations that never were tools.
 *
 * @param operation the operation id
 * @param kind what changed
 * @param breaking whether a model or client that worked before may now fail: true when a tool
 *     goes away with the operation
 * @param message a short human description without the operation id, e.g. {@code new in the
 *     spec, not exposed: deprecated by Cal.com}
 */
public record OperationChange(String operation, Kind kind, boolean breaking, String message) {

    /** What happened to the operation. */
    public enum Kind {
        /** The spec has a new operation; the message says whether the rules expose it. */
        ADDED,
        /**
         * The operation is gone from the spec. Breaking if its tool went with it; compatible if no
         * tool called it, or if a tool of the same name now calls another operation.
         */
        REMOVED,
        /** The rules now expose an operation they did not expose before. Compatible. */
        EXPOSED,
        /** The rules no longer expose an operation that was a tool. Breaking, as for {@link #REMOVED}. */
        NO_LONGER_EXPOSED,
        /** Still not exposed, for another reason. Compatible. */
        REASON_CHANGED
    }

    public OperationChange {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}

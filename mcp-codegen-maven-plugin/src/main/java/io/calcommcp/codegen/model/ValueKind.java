package io.calcommcp.codegen.model;

import java.util.Optional;

/**
 * What a string argument holds, so the model is told the exact form and the server can reject
 * a local time that would silently land on the wrong day.
 */
public enum ValueKind {
    PLAIN(null),
    TIMESTAMP("ISO 8601 date-time with an explicit UTC offset, e.g. 2026-10-15T14:00:00-04:00 or "
            + "2026-10-15T18:00:00Z; a time without an offset is rejected."),
    DATE("ISO 8601 date without a time, e.g. 2026-10-15."),
    DATE_OR_TIMESTAMP("Either an ISO 8601 date (e.g. 2026-10-15) or a date-time with an explicit UTC offset "
            + "(e.g. 2026-10-15T14:00:00-04:00); a time without an offset is rejected.");

    private final String guidance;

    ValueKind(String guidance) {
        this.guidance = guidance;
    }

    /** The sentence added to the argument's description, if any. */
    public Optional<String> guidance() {
        return Optional.ofNullable(guidance);
    }

    /** The spelling used in the tagging rules: {@code date-or-timestamp}. */
    public String ruleName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

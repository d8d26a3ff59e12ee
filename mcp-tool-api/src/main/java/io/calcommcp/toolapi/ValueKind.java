package io.calcommcp.toolapi;

import java.util.Locale;
import java.util.Optional;

/**
 * What a string argument holds, decided once by the generator so that the model is told the exact
 * form and the server refuses a value that would silently mean something else, such as a local
 * time that the API reads as UTC and books on the wrong day, or a time zone abbreviation that
 * names three different zones.
 */
public enum ValueKind {
    /** No particular form. */
    PLAIN(null, null),
    /** An ISO 8601 date-time with an explicit UTC offset. */
    TIMESTAMP(
            "ISO 8601 date-time with an explicit UTC offset, e.g. 2026-10-15T14:00:00-04:00 or "
                    + "2026-10-15T18:00:00Z; a time without an offset is rejected.",
            "ISO 8601 with an offset, e.g. 2026-10-15T14:00:00-04:00."),
    /** An ISO 8601 date without a time. */
    DATE("ISO 8601 date without a time, e.g. 2026-10-15.", "YYYY-MM-DD."),
    /** Either of the two: a date, or a date-time with an explicit UTC offset. */
    DATE_OR_TIMESTAMP(
            "Either an ISO 8601 date (e.g. 2026-10-15) or a date-time with an explicit UTC offset "
                    + "(e.g. 2026-10-15T14:00:00-04:00); a time without an offset is rejected.",
            "YYYY-MM-DD, or ISO 8601 with an offset."),
    /** An IANA time zone id. */
    TIME_ZONE(
            "IANA time zone id, e.g. America/New_York or Europe/Berlin; abbreviations such as EST and"
                    + " offsets such as GMT+2 are rejected.",
            "IANA zone id, e.g. America/New_York.");

    private final String guidance;
    private final String brief;

    ValueKind(String guidance, String brief) {
        this.guidance = guidance;
        this.brief = brief;
    }

    /** The sentence the generator adds to the argument's description, if any. */
    public Optional<String> guidance() {
        return Optional.ofNullable(guidance);
    }

    /**
     * The same guidance in a few words, for the advertised schema the model reads on every turn;
     * the server's refusal of a wrong value says the rest.
     */
    public Optional<String> brief() {
        return Optional.ofNullable(brief);
    }

    /** The spelling used in the tagging rules and in Javadoc: {@code date-or-timestamp}. */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind a rules file names, such as {@code date-or-timestamp}. */
    public static Optional<ValueKind> fromRuleName(String name) {
        for (ValueKind kind : values()) {
            if (kind.ruleName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

package io.calcommcp.server.tools;

/** What a string argument holds, so it can be checked before anything reaches the upstream API. */
public enum ValueKind {
    /** No special meaning. */
    PLAIN,
    /** An ISO 8601 date-time that must carry an explicit UTC offset, such as {@code 2026-10-15T14:00:00-04:00}. */
    TIMESTAMP,
    /** An ISO 8601 date without a time, such as {@code 2026-10-15}. */
    DATE,
    /** Either a date ({@code 2026-10-15}) or a date-time with an explicit offset. */
    DATE_OR_TIMESTAMP
}

package io.calcommcp.toolapi;

/** Where a tool argument goes in the HTTP request. */
public enum ArgumentLocation {
    /** One path segment, filled into the path template and percent-encoded. */
    PATH("path", "path parameter"),
    /** A query parameter. */
    QUERY("query", "query parameter"),
    /** A request header (credentials and constant headers are never arguments). */
    HEADER("header", "header"),
    /** One property of the JSON request body; the body is an object of all such properties. */
    BODY_PROPERTY("body", "body property"),
    /** The entire request body, for a body that is not a JSON object (an array, say). */
    WHOLE_BODY("wholeBody", "whole body"),
    /**
     * A paging argument ({@link Paging#LIMIT}, {@link Paging#CURSOR}): never sent as it is; the
     * server turns it into the API's own paging parameters. Only tool surfaces use it; a route
     * names the API's parameters instead.
     */
    PAGING("paging", "paging argument");

    private final String label;
    private final String description;

    ArgumentLocation(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /**
     * The spelling used in the lock file: {@code path}, {@code query}, {@code body}, {@code
     * wholeBody}, {@code paging}.
     */
    public String label() {
        return label;
    }

    /** How a person reads it: {@code query parameter}, {@code whole body}. */
    public String description() {
        return description;
    }
}

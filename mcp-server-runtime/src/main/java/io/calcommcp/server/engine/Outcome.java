package io.calcommcp.server.engine;

/** How a tool call ended, as logged and as {@code error.type} in results. */
public enum Outcome {
    /** The API answered 2xx with JSON (or nothing). */
    OK("ok"),
    /** The arguments were refused before anything was sent. */
    INVALID_ARGUMENTS("invalid_arguments"),
    /** The API answered with a 4xx or 5xx status. */
    UPSTREAM_ERROR("upstream_error"),
    /** The API answered 429 Too Many Requests. */
    RATE_LIMITED("rate_limited"),
    /** The API answered 2xx with a body that is not JSON. */
    UPSTREAM_INVALID_RESPONSE("upstream_invalid_response"),
    /** No answer: connection refused, timeout, broken connection. */
    UPSTREAM_UNAVAILABLE("upstream_unavailable"),
    /** A fault in this server. */
    INTERNAL_ERROR("internal_error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The snake_case name used in logs and results. */
    public String label() {
        return label;
    }
}

package io.calcommcp.server.tools;

/** The part of the HTTP request a tool argument goes into. */
public enum ArgumentLocation {
    /** One path segment, percent-encoded. */
    PATH,
    /** A query parameter. */
    QUERY,
    /** A request header. */
    HEADER,
    /** One property of the JSON request body. */
    BODY_PROPERTY,
    /** The whole JSON request body (a body that is not an object). */
    BODY
}

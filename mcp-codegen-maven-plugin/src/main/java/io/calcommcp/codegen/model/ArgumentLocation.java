package io.calcommcp.codegen.model;

/** Where a flat tool argument goes in the HTTP request. */
public enum ArgumentLocation {
    PATH,
    QUERY,
    HEADER,
    BODY_PROPERTY,
    /** The whole body, for bodies that are not JSON objects. */
    BODY
}

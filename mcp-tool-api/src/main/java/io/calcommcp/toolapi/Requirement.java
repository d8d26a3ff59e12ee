package io.calcommcp.toolapi;

/** Whether a request can be sent without an argument. */
public enum Requirement {
    /** The request cannot be sent without it. */
    REQUIRED,
    /** It may be left out. */
    OPTIONAL
}

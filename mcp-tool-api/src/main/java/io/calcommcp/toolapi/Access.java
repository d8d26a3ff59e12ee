package io.calcommcp.toolapi;

import java.util.Locale;

/** Whether a tool only reads data or may change it; scoped server URLs filter on it. */
public enum Access {
    /** Lists, gets and read-only actions; never changes anything upstream. */
    READ,
    /** Creates, updates, deletes or performs an action that changes something upstream. */
    WRITE;

    /** The lower-case spelling used in rules, locks and listings: {@code read} or {@code write}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

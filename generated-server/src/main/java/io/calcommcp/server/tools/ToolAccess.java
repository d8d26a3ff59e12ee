package io.calcommcp.server.tools;

/** Whether a tool only reads data (list, get) or may change it (create, update, delete, actions). */
public enum ToolAccess {
    /** Lists or gets; never changes anything upstream. */
    READ,
    /** Creates, updates, deletes or performs an action upstream. */
    WRITE
}

package io.calcommcp.codegen.surface;

/**
 * What changed between the locked and the current tool surface. Whether a change is breaking is
 * decided per change (see {@link SurfaceChange#breaking()}), because for several kinds it depends
 * on the direction, e.g. read to write versus write to read.
 */
public enum ChangeKind {
    /** A new tool. Compatible. */
    TOOL_ADDED,
    /** A tool is gone. Breaking. */
    TOOL_REMOVED,
    /** Same operation, new tool name. Breaking: callers use the old name. */
    TOOL_RENAMED,
    /** Same tool name, bound to another operation. Compatible; its arguments are compared too. */
    OPERATION_CHANGED,
    /** HTTP method or path changed. Compatible: the model never sees them. */
    ENDPOINT_CHANGED,
    /** Read to write (breaking: the tool leaves read-only scoped URLs) or write to read. */
    ACCESS_CHANGED,
    /** Another verb (breaking: the tool leaves URLs scoped to the old verb by name). */
    VERB_CHANGED,
    /** Tags removed (breaking: the tool leaves URLs scoped to them) or only added. */
    TAGS_CHANGED,
    /**
     * One of the tool's MCP annotations flipped (reported once per hint): breaking when {@code
     * readOnlyHint} goes from true to false (clients such as ChatGPT now ask for confirmation, and
     * clients or modes that only offer read-only tools drop it) or {@code destructiveHint} from false to true (clients treat
     * the tool as dangerous); compatible otherwise. Not to be confused with {@link
     * #ANNOTATION_CHANGED}, which is about annotation keywords in the input schema.
     */
    ANNOTATION_HINT_CHANGED,
    /**
     * The request sends a new constant header, e.g. an API version pinned where none was sent.
     * Compatible (see {@code SurfaceDiff} for the reasoning).
     */
    CONSTANT_HEADER_ADDED,
    /** The request no longer sends a constant header, e.g. {@code cal-api-version}. Breaking. */
    CONSTANT_HEADER_REMOVED,
    /**
     * A constant header's value changed, e.g. another {@code cal-api-version}: breaking. A change
     * of only the name's letter case (header names are case-insensitive) is compatible.
     */
    CONSTANT_HEADER_CHANGED,
    /**
     * How the tool pages: paging removed (breaking: {@code limit} and {@code next_cursor} are gone),
     * added, or changed (another paging parameter, records place, end-of-list signal or page
     * sizes; compatible, though a lower largest page size also shows as a schema constraint).
     */
    PAGING_CHANGED,
    /** Tool title. Compatible. */
    TITLE_CHANGED,
    /** Tool description, or an argument's description when the change has an argument. Compatible. */
    DESCRIPTION_CHANGED,
    /** New argument: breaking if required, compatible if optional. */
    ARGUMENT_ADDED,
    /** Argument gone. Breaking. */
    ARGUMENT_REMOVED,
    /**
     * An argument goes elsewhere in the request: another location (path, query, header, body) or
     * another wire name. Compatible: the model calls the tool exactly as before; reported because
     * the request the server sends changed.
     */
    ARGUMENT_ROUTE_CHANGED,
    /** Optional argument became required. Breaking. */
    ARGUMENT_REQUIRED,
    /** Required argument became optional. Compatible. */
    ARGUMENT_OPTIONAL,
    /** {@code type} changed: breaking unless every previously accepted type is still accepted. */
    TYPE_CHANGED,
    /** {@code format} added or changed (breaking) or removed (compatible). */
    FORMAT_CHANGED,
    /** Allowed enum values removed, or an enum introduced. Breaking. */
    ENUM_VALUES_REMOVED,
    /** Allowed enum values added, or the enum dropped. Compatible. */
    ENUM_VALUES_ADDED,
    /** {@code anyOf}/{@code oneOf} variants removed (breaking) or added (compatible). */
    VARIANTS_CHANGED,
    /**
     * Another validation keyword ({@code pattern}, {@code maxLength}, ...): breaking if it may now
     * reject a value it accepted before, which is assumed when that cannot be decided.
     */
    CONSTRAINT_CHANGED,
    /**
     * An input schema keyword that never rejects a value ({@code default}, {@code title}, {@code
     * x-...}). Compatible. The tool's MCP annotations are {@link #ANNOTATION_HINT_CHANGED}.
     */
    ANNOTATION_CHANGED
}

package io.calcommcp.toolapi;

/**
 * One MCP tool annotation. Clients act on them: ChatGPT asks the user to confirm any tool that is
 * not {@link #READ_ONLY}, and treats a {@link #DESTRUCTIVE} one as dangerous.
 */
public enum Hint {
    /** The tool does not change its environment. */
    READ_ONLY("readOnlyHint"),
    /** A change may delete or overwrite data. */
    DESTRUCTIVE("destructiveHint"),
    /** Calling it again with the same arguments has no further effect. */
    IDEMPOTENT("idempotentHint"),
    /** The tool talks to an outside system. */
    OPEN_WORLD("openWorldHint");

    private final String mcpName;

    Hint(String mcpName) {
        this.mcpName = mcpName;
    }

    /** The annotation's name in MCP, such as {@code readOnlyHint}. */
    public String mcpName() {
        return mcpName;
    }
}

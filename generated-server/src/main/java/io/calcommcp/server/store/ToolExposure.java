package io.calcommcp.server.store;

import java.util.Locale;
import java.util.Optional;

/** How an MCP server URL presents its tools. */
public enum ToolExposure {
    /** Every tool the URL allows, listed as it is. */
    ALL,
    /**
     * Three meta-tools instead (search the tools, get their schemas, call one by name), restricted
     * to the tools the URL allows: for surfaces too large to list.
     */
    DISCOVERY;

    /** The JSON spelling: {@code all}, {@code discovery}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ToolExposure> fromLabel(String label) {
        for (ToolExposure exposure : values()) {
            if (exposure.label().equals(label)) {
                return Optional.of(exposure);
            }
        }
        return Optional.empty();
    }
}

package io.calcommcp.toolapi;

import java.util.Locale;
import java.util.Optional;

/** How a server presents its tools to a client: all of them, or through three meta-tools. */
public enum ToolExposure {
    /** Every tool the caller may use, listed as it is. */
    ALL,
    /**
     * Three meta-tools instead (search the tools, get their schemas, call one by name; see {@link
     * MetaTools}), restricted to the tools the caller may use: for surfaces too large to list.
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

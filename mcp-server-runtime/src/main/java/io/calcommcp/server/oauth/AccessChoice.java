package io.calcommcp.server.oauth;

import io.calcommcp.server.access.ToolFilter;
import java.util.List;
import java.util.Optional;

/** What a person lets a client do, chosen on the consent page: the methods of the grant's MCP server. */
enum AccessChoice {
    /** Tools that only read. */
    READ("read", "Read only", "List and look things up; nothing is changed.", List.of(ToolFilter.READ)),
    /** Every tool: reading, and creating, changing and deleting. */
    READ_WRITE(
            "read_write",
            "Read and write",
            "Also create, change and delete.",
            List.of(ToolFilter.READ, ToolFilter.WRITE));

    private final String value;
    private final String label;
    private final String help;
    private final List<String> methods;

    AccessChoice(String value, String label, String help, List<String> methods) {
        this.value = value;
        this.label = label;
        this.help = help;
        this.methods = methods;
    }

    /** The form's value. */
    String value() {
        return value;
    }

    String label() {
        return label;
    }

    String help() {
        return help;
    }

    /** The MCP server's methods. */
    List<String> methods() {
        return methods;
    }

    static Optional<AccessChoice> fromValue(String value) {
        for (AccessChoice choice : values()) {
            if (choice.value.equals(value)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }
}

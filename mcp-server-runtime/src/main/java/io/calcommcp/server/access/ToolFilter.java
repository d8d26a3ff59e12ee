package io.calcommcp.server.access;

import io.calcommcp.server.engine.ToolScope;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ToolDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The tools of a scoped URL: those whose method and tag the URL names, both (AND). A method is
 * {@code read} (every tool that only reads), {@code write} (every tool that changes something) or
 * an exact verb such as {@code list} or {@code cancel}; a tool matches any one of them. A tool
 * matches the tags if it has any one of them. An absent list allows everything.
 *
 * @param methods the methods; empty for every method
 * @param tags the tags; empty for every tag
 */
public record ToolFilter(Optional<List<String>> methods, Optional<List<String>> tags) implements ToolScope {

    /** The method word for every tool that only reads. */
    public static final String READ = "read";

    /** The method word for every tool that changes something. */
    public static final String WRITE = "write";

    public ToolFilter {
        methods = methods.map(List::copyOf);
        tags = tags.map(List::copyOf);
    }

    @Override
    public boolean allows(ToolDefinition tool) {
        return methodMatches(tool) && tagMatches(tool);
    }

    /** Whether any of {@code tools} passes. */
    public boolean matchesAny(Collection<ToolDefinition> tools) {
        return tools.stream().anyMatch(this::allows);
    }

    private boolean methodMatches(ToolDefinition tool) {
        return methods.map(list -> list.stream().anyMatch(method -> switch (method) {
                    case READ -> tool.access() == Access.READ;
                    case WRITE -> tool.access() == Access.WRITE;
                    default -> method.equals(tool.verb());
                }))
                .orElse(true);
    }

    private boolean tagMatches(ToolDefinition tool) {
        return tags.map(list -> list.stream().anyMatch(tool.tags()::contains)).orElse(true);
    }
}

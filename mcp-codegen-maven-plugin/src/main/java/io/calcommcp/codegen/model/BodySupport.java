package io.calcommcp.codegen.model;

import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a tool can send an operation's request body. Tools send JSON, or a form of their body
 * properties; an operation whose body can only be a file upload or raw bytes is not exposed rather
 * than exposed broken (a tool that silently sends no body), and the summary says why.
 */
final class BodySupport {

    /** The form media type, which tools send from their body properties. */
    static final String FORM = "application/x-www-form-urlencoded";

    /** How every reason given here begins. */
    static final String PREFIX = "its request body is ";

    private BodySupport() {}

    /** Why the body of {@code body} (resolved) cannot be sent by a tool, if it cannot. */
    static Optional<String> problem(Optional<RequestBody> body) {
        if (body.isEmpty()
                || body.get().getContent() == null
                || body.get().getContent().isEmpty()) {
            return Optional.empty();
        }
        Set<String> types = body.get().getContent().keySet();
        if (types.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains("json")) || types.contains(FORM)) {
            return Optional.empty();
        }
        List<String> sorted = types.stream().sorted().toList();
        String kinds = String.join(", ", sorted);
        if (sorted.stream().anyMatch(t -> t.startsWith("multipart/"))) {
            return Optional.of(PREFIX + kinds + " (a file upload), which a tool cannot send");
        }
        return Optional.of(PREFIX + kinds + " (not JSON), which a tool cannot send");
    }
}

package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.toolapi.VendorProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the API's own words in an error body, where the vendor profile says they are: the message,
 * a machine-readable code, and per-field details. Each is looked for at the profile's pointers in
 * order; the first that holds something wins.
 */
final class ErrorBodyReader {

    private static final int MAX_MESSAGE_LENGTH = 1000;

    private final List<String> messagePointers;
    private final List<String> codePointers;
    private final List<String> detailsPointers;

    ErrorBodyReader(VendorProfile profile) {
        this.messagePointers = profile.errorMessagePointers();
        this.codePointers = profile.errorCodePointers();
        this.detailsPointers = profile.errorDetailsPointers();
    }

    /** The message: text, or a list of texts joined (validation errors often come as a list). */
    Optional<String> message(JsonNode body) {
        for (String pointer : messagePointers) {
            String text = messageText(body.at(pointer));
            if (!text.isBlank()) {
                return Optional.of(
                        text.length() > MAX_MESSAGE_LENGTH ? text.substring(0, MAX_MESSAGE_LENGTH) + "..." : text);
            }
        }
        return Optional.empty();
    }

    /**
     * The message as separate problems, when the API listed several (validation errors usually
     * name one field each); a single message is one problem.
     */
    List<String> messages(JsonNode body) {
        for (String pointer : messagePointers) {
            JsonNode node = body.at(pointer);
            if (node.isArray() && !node.isEmpty()) {
                List<String> out = new ArrayList<>();
                node.forEach(n -> out.add(shorten(n.isTextual() ? n.asText() : n.toString())));
                return out;
            }
            if (node.isTextual() && !node.asText().isBlank()) {
                return List.of(shorten(node.asText()));
            }
        }
        return List.of();
    }

    private static String shorten(String text) {
        return text.length() > MAX_MESSAGE_LENGTH ? text.substring(0, MAX_MESSAGE_LENGTH) + "..." : text;
    }

    /** The first code that is a string. */
    Optional<String> code(JsonNode body) {
        for (String pointer : codePointers) {
            JsonNode code = body.at(pointer);
            if (code.isTextual()) {
                return Optional.of(code.asText());
            }
        }
        return Optional.empty();
    }

    /** The first details that are there and not null. */
    Optional<JsonNode> details(JsonNode body) {
        for (String pointer : detailsPointers) {
            JsonNode details = body.at(pointer);
            if (!details.isMissingNode() && !details.isNull()) {
                return Optional.of(details);
            }
        }
        return Optional.empty();
    }

    private static String messageText(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(n.isTextual() ? n.asText() : n.toString()));
            return String.join("; ", parts);
        }
        return "";
    }
}

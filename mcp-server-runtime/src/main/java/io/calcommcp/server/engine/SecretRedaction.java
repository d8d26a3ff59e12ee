package io.calcommcp.server.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes the account's key from the API's JSON as it reads once decoded: inside a string or a
 * member name, however it was escaped ({@code \u0063al_...}). The client removes the key's bytes
 * as they arrived; an escaped key has no such bytes, and would reach the model decoded.
 */
final class SecretRedaction {

    /** What stands where the key was. */
    static final String REDACTED = "[redacted]";

    private SecretRedaction() {}

    /**
     * {@code utf8}, a JSON document, with the key replaced in every decoded string and name;
     * {@code utf8} itself when it holds no escaped key, which is nearly always.
     *
     * @throws IOException if {@code utf8} is not JSON
     */
    static byte[] redact(ObjectMapper json, byte[] utf8, String secret) throws IOException {
        // Without a backslash nothing is escaped: the bytes are the text, and the client redacted those.
        if (!hasBackslash(utf8) || !decodedContains(json, utf8, secret)) {
            return utf8;
        }
        return json.writeValueAsBytes(redact(json.readTree(utf8), secret));
    }

    /** {@code node} with the key replaced in every string and name; {@code node} itself, changed in place. */
    static JsonNode redact(JsonNode node, String secret) {
        if (node.isTextual()) {
            String text = node.textValue();
            return text.contains(secret) ? TextNode.valueOf(text.replace(secret, REDACTED)) : node;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redact(array.get(i), secret));
            }
        } else if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
            object.removeAll();
            for (Map.Entry<String, JsonNode> member : members) {
                object.set(member.getKey().replace(secret, REDACTED), redact(member.getValue(), secret));
            }
        }
        return node;
    }

    private static boolean decodedContains(ObjectMapper json, byte[] utf8, String secret) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(utf8)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME)
                        && parser.getText().contains(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasBackslash(byte[] utf8) {
        for (byte b : utf8) {
            if (b == '\\') {
                return true;
            }
        }
        return false;
    }
}

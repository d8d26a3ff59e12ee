package io.calcommcp.server.engine;

import io.calcommcp.server.upstream.DisplayUrl;
import java.net.URI;
import java.util.Objects;

/**
 * One set of API credentials that tool calls run as: the account's API key and the base URL it
 * belongs to. The server started with a single key has exactly one, the implicit account.
 *
 * @param id a stable id for logs; never secret
 * @param name a name for people
 * @param baseUrl the API's base URL for this account
 * @param apiKey the secret sent upstream; never logged, never returned
 */
public record Account(String id, String name, URI baseUrl, String apiKey) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("account " + id + " has an empty API key");
        }
    }

    /** Never prints the key, nor credentials in the URL. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", name=" + name + ", baseUrl=" + DisplayUrl.of(baseUrl) + ", apiKey=<redacted>]";
    }
}

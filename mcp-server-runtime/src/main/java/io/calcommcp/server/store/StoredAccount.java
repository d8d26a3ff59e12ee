package io.calcommcp.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An integrated account as the store returns it: never with its API key, which only {@link
 * Accounts#apiKey} decrypts, for the one request that needs it.
 *
 * @param id the account's id
 * @param name a name for people
 * @param baseUrl the API's base URL for this account; empty for the server's default
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record StoredAccount(String id, String name, Optional<String> baseUrl, Instant createdAt, Instant updatedAt) {}

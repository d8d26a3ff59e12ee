package io.calcommcp.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token, which URLs with {@code require_api_token_auth} demand besides their own token. The
 * token itself is not here: the store has only its hash.
 *
 * @param id the token's id
 * @param name a name for people
 * @param expiresAt when it stops working; empty for never
 * @param createdAt when it was created
 */
public record StoredApiToken(String id, String name, Optional<Instant> expiresAt, Instant createdAt) {

    /** Whether the token has expired at {@code now}. */
    public boolean isExpired(Instant now) {
        return expiresAt.map(expiry -> !now.isBefore(expiry)).orElse(false);
    }
}

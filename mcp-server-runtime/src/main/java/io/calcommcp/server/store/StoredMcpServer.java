package io.calcommcp.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One MCP server URL of an account. Its token is not here: the store has only its hash.
 *
 * @param id the server's id
 * @param accountId the account whose credentials its calls use
 * @param name a name for people
 * @param config what the URL allows
 * @param expiresAt when the URL stops working; empty for never
 * @param createdAt when it was created
 * @param lastUsedAt when it last served a request (recorded at most once a minute)
 */
public record StoredMcpServer(
        String id,
        String accountId,
        String name,
        McpServerConfig config,
        Optional<Instant> expiresAt,
        Instant createdAt,
        Optional<Instant> lastUsedAt) {

    /** Whether the URL has expired at {@code now}. */
    public boolean isExpired(Instant now) {
        return expiresAt.map(expiry -> !now.isBefore(expiry)).orElse(false);
    }
}

package io.calcommcp.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person allowed an OAuth client on the consent page: the MCP server record with the tools
 * they chose, whose integrated account holds their own API key. Its code and tokens are not here:
 * the store has only their hashes.
 *
 * @param id the grant's id
 * @param clientId the client it was given to: a registered client's id, or the URL of its
 *     metadata document
 * @param clientName the client's name as the consent page showed it
 * @param resource the protected resource its tokens are for (RFC 8707)
 * @param mcpServerId the MCP server record: the grant's tools
 * @param accountId the integrated account of that record: the person's key, owned by the grant
 * @param createdAt when the person consented
 * @param activatedAt when its code was exchanged for tokens; empty before
 * @param lastIssuedAt when tokens were last issued for it (the code, or a refresh)
 */
public record StoredOAuthGrant(
        String id,
        String clientId,
        Optional<String> clientName,
        String resource,
        String mcpServerId,
        String accountId,
        Instant createdAt,
        Optional<Instant> activatedAt,
        Optional<Instant> lastIssuedAt) {

    public StoredOAuthGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(mcpServerId, "mcpServerId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activatedAt, "activatedAt");
        Objects.requireNonNull(lastIssuedAt, "lastIssuedAt");
    }
}

-- OAuth 2.1: the clients that registered themselves (RFC 7591) and the grants people gave them
-- on the consent page. A grant owns an integrated account (the person's own API key, encrypted
-- like every key) and an MCP server record (the tools the person chose), so that deleting the
-- account deletes the MCP server, the grant, its code and every token of it. Codes and tokens
-- are stored only as SHA-256 hashes. Portable SQL: the same file runs on H2 and PostgreSQL.

-- Clients registered through the registration endpoint. Clients identified by the URL of their
-- metadata document are fetched when they ask, not stored.
CREATE TABLE oauth_client (
    client_id     VARCHAR(64)              NOT NULL PRIMARY KEY,
    client_name   VARCHAR(200),
    -- JSON array of strings; an authorization request must name one of them exactly.
    redirect_uris VARCHAR(8000)            NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE oauth_grant (
    id             VARCHAR(64)              NOT NULL PRIMARY KEY,
    -- The grant's tools and, through the MCP server's account, its key.
    mcp_server_id  VARCHAR(64)              NOT NULL REFERENCES mcp_server (id) ON DELETE CASCADE,
    -- A registered client's id, or the https URL of the client's metadata document.
    client_id      VARCHAR(2000)            NOT NULL,
    client_name    VARCHAR(200),
    -- The protected resource (RFC 8707) its tokens are for; they are refused anywhere else.
    resource       VARCHAR(2000)            NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- When its code was first exchanged for tokens; NULL while the consent is not yet used.
    activated_at   TIMESTAMP WITH TIME ZONE,
    last_issued_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX oauth_grant_mcp_server_id ON oauth_grant (mcp_server_id);

-- One authorization code per grant: single use, for 60 seconds. The row stays after its use so
-- that a second use is recognised (and revokes the grant).
CREATE TABLE oauth_code (
    code_hash      CHAR(64)                 NOT NULL PRIMARY KEY,
    grant_id       VARCHAR(64)              NOT NULL REFERENCES oauth_grant (id) ON DELETE CASCADE,
    redirect_uri   VARCHAR(2000)            NOT NULL,
    -- PKCE: base64url of the SHA-256 of the client's code verifier (method S256 only).
    code_challenge VARCHAR(128)             NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE
);

CREATE INDEX oauth_code_grant_id ON oauth_code (grant_id);

CREATE TABLE oauth_token (
    token_hash CHAR(64)                 NOT NULL PRIMARY KEY,
    grant_id   VARCHAR(64)              NOT NULL REFERENCES oauth_grant (id) ON DELETE CASCADE,
    kind       VARCHAR(10)              NOT NULL CHECK (kind IN ('access', 'refresh')),
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- A refresh token already exchanged for new tokens; presented again, it revokes the grant.
    rotated_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX oauth_token_grant_id ON oauth_token (grant_id);

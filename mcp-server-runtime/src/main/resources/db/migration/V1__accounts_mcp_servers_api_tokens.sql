-- The store holds accounts, the MCP server URLs minted for them and API tokens: never anything
-- the API answers. Secrets are stored encrypted (API keys, AES-256-GCM) or hashed (URL and API
-- tokens, SHA-256). Portable SQL: the same file runs on H2 and PostgreSQL.

-- Facts about the store itself, such as a value encrypted with the store's key, so that a
-- server started with another key refuses to start instead of failing on every call.
CREATE TABLE store_metadata (
    name          VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL
);

CREATE TABLE integrated_account (
    id                VARCHAR(64)              NOT NULL PRIMARY KEY,
    name              VARCHAR(200)             NOT NULL,
    -- base64 of nonce, ciphertext and tag; the account id is the associated data.
    api_key_encrypted VARCHAR(4000)            NOT NULL,
    base_url          VARCHAR(2000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE mcp_server (
    id                     VARCHAR(64)              NOT NULL PRIMARY KEY,
    -- Deleting an account revokes every URL of it.
    account_id             VARCHAR(64)              NOT NULL REFERENCES integrated_account (id) ON DELETE CASCADE,
    name                   VARCHAR(200)             NOT NULL,
    -- Hex SHA-256 of the URL token; the token itself is shown once and never stored.
    token_hash             CHAR(64)                 NOT NULL UNIQUE,
    -- JSON arrays of strings; NULL means every method, every tag.
    methods                VARCHAR(4000),
    tags                   VARCHAR(4000),
    require_api_token_auth BOOLEAN                  NOT NULL,
    tool_exposure          VARCHAR(20)              NOT NULL,
    expires_at             TIMESTAMP WITH TIME ZONE,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at           TIMESTAMP WITH TIME ZONE
);

CREATE INDEX mcp_server_account_id ON mcp_server (account_id);

CREATE TABLE api_token (
    id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    name       VARCHAR(200)             NOT NULL,
    token_hash CHAR(64)                 NOT NULL UNIQUE,
    expires_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

/**
 * The store: integrated accounts, the MCP server URLs minted for them, API tokens, and the OAuth
 * clients and grants with their codes and tokens, in any JDBC database (an embedded H2 file by
 * default), with the schema migrated by Flyway from versioned SQL files that run on H2 and
 * PostgreSQL alike. API keys are encrypted with AES-256-GCM ({@link
 * io.calcommcp.server.store.SecretBox}); URL tokens, API tokens and OAuth codes and tokens are
 * stored only as SHA-256 hashes ({@link io.calcommcp.server.store.Tokens}). Nothing the API
 * answers is ever stored, and nothing a replica needs lives only in its memory.
 */
package io.calcommcp.server.store;

/**
 * An OAuth 2.1 authorization server for the MCP endpoint, as the MCP authorization specification
 * asks: protected-resource metadata (RFC 9728) and authorization-server metadata (RFC 8414),
 * dynamic registration of public clients (RFC 7591) and client metadata documents, the
 * authorization code flow with PKCE S256 only, rotated refresh tokens, revocation (RFC 7009),
 * tokens bound to the resource (RFC 8707), and {@code iss} in authorization responses (RFC
 * 9207). The protocol's requests and responses are parsed and written by the Nimbus OAuth SDK.
 *
 * <p>What a person grants on the consent page is an integrated account holding their own API key
 * (encrypted) and an MCP server record of the tools they chose, exactly like a scoped URL's, so
 * the engine serves a grant's caller as it serves a scoped URL's. Codes and tokens are opaque
 * random strings stored only as hashes, looked up on every request: revoking a grant ends its
 * tokens at once on every replica.
 *
 * <p>{@link io.calcommcp.server.oauth.OAuthEndpoints} is the endpoints, {@link
 * io.calcommcp.server.oauth.ResourceGuard} guards {@code /mcp}; neither depends on a transport.
 */
package io.calcommcp.server.oauth;

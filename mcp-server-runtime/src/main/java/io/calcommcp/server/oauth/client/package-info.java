/**
 * Who an OAuth client is: a client that registered itself (stored), or one whose id is the https
 * URL of its metadata document, fetched through a guard against server-side request forgery
 * ({@link io.calcommcp.server.oauth.client.PublicAddresses}) and cached briefly. Both kinds are
 * checked by the same rules ({@link io.calcommcp.server.oauth.client.ClientMetadataCheck}), and
 * their redirect URIs by the operator's {@link io.calcommcp.server.oauth.client.RedirectPolicy}.
 */
package io.calcommcp.server.oauth.client;

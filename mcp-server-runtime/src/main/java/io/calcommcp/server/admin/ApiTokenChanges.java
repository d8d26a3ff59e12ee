package io.calcommcp.server.admin;

/**
 * A request to create an API token.
 *
 * @param name a name for people; required
 * @param expiresAt ISO 8601 with an offset, at least a minute ahead; cleared or kept means never
 */
public record ApiTokenChanges(Change<String> name, Change<String> expiresAt) {}

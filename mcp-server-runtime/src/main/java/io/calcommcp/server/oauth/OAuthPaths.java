package io.calcommcp.server.oauth;

/** Where the OAuth endpoints are, below the public URL. */
public final class OAuthPaths {

    /** The protected resource: the MCP endpoint. */
    public static final String RESOURCE = "/mcp";

    /** RFC 9728 metadata of {@link #RESOURCE}: the well-known prefix, then the resource's path. */
    public static final String PROTECTED_RESOURCE_METADATA = "/.well-known/oauth-protected-resource" + RESOURCE;

    /** RFC 9728 metadata at the well-known location without the path, which some clients try first. */
    public static final String PROTECTED_RESOURCE_METADATA_ROOT = "/.well-known/oauth-protected-resource";

    /** RFC 8414 metadata of the authorization server (the issuer has no path). */
    public static final String AUTHORIZATION_SERVER_METADATA = "/.well-known/oauth-authorization-server";

    /** RFC 7591 dynamic client registration. */
    public static final String REGISTRATION = "/oauth/register";

    /** The authorization endpoint and its consent page. */
    public static final String AUTHORIZATION = "/oauth/authorize";

    /** The token endpoint. */
    public static final String TOKEN = "/oauth/token";

    /** RFC 7009 token revocation. */
    public static final String REVOCATION = "/oauth/revoke";

    private OAuthPaths() {}
}

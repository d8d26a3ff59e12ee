package io.calcommcp.server.oauth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The two metadata documents a client discovers everything from: the protected resource's (RFC
 * 9728: which authorization server guards {@code /mcp}) and the authorization server's (RFC 8414:
 * its endpoints and what it supports: the code flow with PKCE S256 only, public clients,
 * registration, client metadata documents, revocation, and {@code iss} in responses). Both are
 * fixed for the server's life, so each is written once; one handler serves one document.
 */
final class MetadataHandler extends Handler.Abstract.NonBlocking {

    private final byte[] document;

    private MetadataHandler(String document) {
        this.document = document.getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 9728 document of the protected resource. */
    static MetadataHandler protectedResource(OAuthSettings settings) {
        JSONObject resource = new JSONObject();
        resource.put("resource", settings.resource().toString());
        JSONArray servers = new JSONArray();
        servers.add(settings.issuer().toString());
        resource.put("authorization_servers", servers);
        JSONArray methods = new JSONArray();
        methods.add("header");
        resource.put("bearer_methods_supported", methods);
        resource.put("resource_name", settings.vendor().serverName());
        return new MetadataHandler(resource.toJSONString());
    }

    /** The RFC 8414 document of the authorization server. */
    static MetadataHandler authorizationServer(OAuthSettings settings) {
        AuthorizationServerMetadata metadata = new AuthorizationServerMetadata(new Issuer(settings.issuer()));
        metadata.setAuthorizationEndpointURI(settings.endpoint(OAuthPaths.AUTHORIZATION));
        metadata.setTokenEndpointURI(settings.endpoint(OAuthPaths.TOKEN));
        metadata.setRegistrationEndpointURI(settings.endpoint(OAuthPaths.REGISTRATION));
        metadata.setRevocationEndpointURI(settings.endpoint(OAuthPaths.REVOCATION));
        metadata.setResponseTypes(List.of(ResponseType.CODE));
        metadata.setResponseModes(List.of(ResponseMode.QUERY));
        metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        metadata.setTokenEndpointAuthMethods(List.of(ClientAuthenticationMethod.NONE));
        metadata.setRevocationEndpointAuthMethods(List.of(ClientAuthenticationMethod.NONE));
        metadata.setSupportsAuthorizationResponseIssuerParam(true);
        // Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document): a client
        // whose id is an https URL needs no registration.
        metadata.setCustomParameter("client_id_metadata_document_supported", true);
        return new MetadataHandler(metadata.toJSONObject().toJSONString());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (request.getMethod().equals("OPTIONS")) {
            OAuthHttp.preflight(response, callback, "GET, OPTIONS");
            return true;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            OAuthHttp.methodNotAllowed(response, callback, "GET");
            return true;
        }
        OAuthHttp.allowAnyOrigin(response);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, OAuthHttp.JSON);
        // Public and fixed: a client may keep it for a few minutes.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=300");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, document.length);
        response.write(
                true,
                request.getMethod().equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(document),
                callback);
        return true;
    }
}

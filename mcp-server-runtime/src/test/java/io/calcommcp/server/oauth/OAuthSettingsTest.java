package io.calcommcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.oauth.testing.TestTools;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The public URL is the issuer: https, or http on loopback only; an origin, normalized. */
class OAuthSettingsTest {

    @Test
    void httpsAndLoopbackHttpAreAccepted_andNormalized() {
        assertEquals(
                URI.create("https://mcp.example.com"), OAuthSettings.checkPublicUrl("HTTPS://MCP.Example.com:443/"));
        assertEquals(URI.create("http://127.0.0.1:8080"), OAuthSettings.checkPublicUrl("http://127.0.0.1:8080"));
        assertEquals(URI.create("http://localhost:3000"), OAuthSettings.checkPublicUrl("http://localhost:3000/"));
        OAuthSettings settings = OAuthSettings.of(URI.create("https://mcp.example.com/"), TestTools.vendor());
        assertEquals(URI.create("https://mcp.example.com/mcp"), settings.resource());
        assertEquals(
                URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/mcp"),
                settings.resourceMetadataUrl());
        assertTrue(settings.isResource(URI.create("https://MCP.example.com:443/mcp/")));
        assertFalse(settings.isResource(URI.create("https://mcp.example.com/other")));
        assertFalse(settings.isResource(URI.create("https://mcp.example.com/mcp?x=1")));
    }

    @Test
    void httpElsewhereAPathOrUserInfoAreRefusedSayingHowToFixIt() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> OAuthSettings.checkPublicUrl("http://mcp.example.com"))
                .getMessage()
                .contains("only for a loopback host"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> OAuthSettings.checkPublicUrl("https://mcp.example.com/base"))
                .getMessage()
                .contains("give the origin only"));
        assertThrows(IllegalArgumentException.class, () -> OAuthSettings.checkPublicUrl("https://u:p@mcp.example.com"));
        assertThrows(IllegalArgumentException.class, () -> OAuthSettings.checkPublicUrl("ftp://mcp.example.com"));
        assertThrows(IllegalArgumentException.class, () -> OAuthSettings.checkPublicUrl("not a url"));
    }
}

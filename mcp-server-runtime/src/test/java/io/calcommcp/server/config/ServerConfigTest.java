package io.calcommcp.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.calcommcp.toolapi.ToolExposure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void toStringShowsNoKeyAndNoCredentialsOrTokensFromUrls() {
        ServerConfig config = new ServerConfig(
                Optional.of("tempo_live_key_secret"),
                "TEMPO_API_KEY",
                URI.create("https://alice:upstream-pass@api.example.com/base?token=upstream-token#f"),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                "127.0.0.1",
                8080,
                List.of(),
                List.of(),
                Optional.of(URI.create("https://bob:public-pass@mcp.example.com/?k=public-token")),
                ServerConfig.DEFAULT_MAX_RESULT_BYTES,
                ToolExposure.ALL,
                RequestLimits.defaults());
        String text = config.toString();
        for (String secret : List.of(
                "tempo_live_key_secret",
                "alice",
                "upstream-pass",
                "upstream-token",
                "bob",
                "public-pass",
                "public-token")) {
            assertFalse(text.contains(secret), () -> secret + " in " + text);
        }
        assertEquals(
                "ServerConfig[upstream=https://api.example.com/base, host=127.0.0.1, port=8080,"
                        + " publicUrl=https://mcp.example.com/, oauth=false, searchTools=true, apiKey=<redacted>]",
                text);
    }
}

package io.calcommcp.codegen.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.codegen.diagnostics.CodegenException;
import org.junit.jupiter.api.Test;

/** Spec locations are shown without secrets or local folders. */
class SpecLoaderTest {

    @Test
    void aUrlIsShownWithoutUserInfoQueryOrFragment() {
        assertEquals(
                "https://example.com/specs/openapi.json",
                SpecLoader.displayUrl("https://user:pass@example.com/specs/openapi.json?token=s3cret#top"));
        assertEquals("openapi.json", SpecLoader.displayUrl("file:/home/someone/checkout/openapi.json"));
    }

    @Test
    void aFailedDownloadNeverRepeatsTheToken() {
        // Port 9 on loopback: nothing listens, so the connection is refused at once.
        CodegenException e = assertThrows(
                CodegenException.class, () -> new SpecLoader().read("http://127.0.0.1:9/openapi.json?token=s3cret"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(
                e.getMessage().contains("http://127.0.0.1:9/openapi.json: cannot download the OpenAPI spec"),
                e.getMessage());
    }
}

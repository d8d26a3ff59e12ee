package io.calcommcp.codegen.spec;

/**
 * The bytes of an OpenAPI document, read but not parsed (the incremental-build digest needs only
 * these).
 *
 * @param displayName the file name or URL without credentials, for messages and generated headers
 *     (never an absolute local path, so generated output does not depend on the checkout's place)
 * @param location where it was read from, as messages show it
 * @param bytes the document
 */
public record SpecSource(String displayName, String location, byte[] bytes) {

    public SpecSource {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}

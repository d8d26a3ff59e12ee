package io.calcommcp.toolapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON document that a generated class keeps beside itself. A class-file string constant
 * holds at most 65,535 bytes, so schemas larger than that are generated as resources.
 */
public final class JsonResource {

    private JsonResource() {}

    /**
     * The text of the resource {@code name} next to {@code owner}.
     *
     * @throws IllegalStateException if it is missing (the generated resources were not packaged)
     */
    public static String read(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        name + " is missing next to " + owner.getName() + ": package the generated resources too");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

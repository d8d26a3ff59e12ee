package io.calcommcp.toolapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The web address of one record, as a template over the record's fields: {@code
 * https://app.example.com/bookings/{uid}} puts the record's {@code uid} in place of {@code {uid}},
 * and {@code {owner/name}} the {@code name} of its {@code owner}. Every value is percent-encoded
 * as one path segment, so a value can never add a path, a query or another host.
 *
 * @param text the template as written
 */
public record UrlTemplate(String text) {

    public UrlTemplate {
        Objects.requireNonNull(text, "text");
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException("URL template '" + text + "' is not valid: " + p);
        });
    }

    /** What is wrong with {@code template}, if anything. */
    public static Optional<String> problem(String template) {
        if (!template.matches("https?://[^\\s/?#{}]+(/\\S*)?")) {
            return Optional.of("it must be an absolute http(s) URL whose host is written out, without spaces");
        }
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                return Optional.of("a } without its {");
            }
            if (c != '{') {
                i++;
                continue;
            }
            int end = template.indexOf('}', i + 1);
            if (end < 0) {
                return Optional.of("a { without its }");
            }
            String field = template.substring(i + 1, end);
            if (field.isEmpty() || field.contains("{")) {
                return Optional.of("{" + field + "} names no field; write {name} or {parent/name}");
            }
            Optional<String> pointer = RecordPointer.problem("/" + field, false, false);
            if (pointer.isPresent()) {
                return Optional.of("{" + field + "}: " + pointer.get());
            }
            fields.add(field);
            i = end + 1;
        }
        if (fields.isEmpty()) {
            return Optional.of("it names no field of the record, so every record would get the same address;"
                    + " put one in braces, such as {id}");
        }
        return Optional.empty();
    }

    /** The pointers of the fields the template names, in order: {@code /uid} for {@code {uid}}. */
    public List<String> fields() {
        List<String> out = new ArrayList<>();
        int i = text.indexOf('{');
        while (i >= 0) {
            int end = text.indexOf('}', i);
            out.add("/" + text.substring(i + 1, end));
            i = text.indexOf('{', end);
        }
        return out;
    }

    /**
     * The address of one record: each field's value (by its pointer) percent-encoded in its place;
     * empty if a field has no value.
     */
    public Optional<String> expand(Function<String, Optional<String>> values) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        int i = text.indexOf('{');
        while (i >= 0) {
            int end = text.indexOf('}', i);
            Optional<String> value = values.apply("/" + text.substring(i + 1, end));
            if (value.isEmpty() || value.get().isEmpty()) {
                return Optional.empty();
            }
            out.append(text, at, i).append(encodeSegment(value.get()));
            at = end + 1;
            i = text.indexOf('{', at);
        }
        return Optional.of(out.append(text.substring(at)).toString());
    }

    /** Every byte but RFC 3986's unreserved characters, percent-encoded (UTF-8). */
    static String encodeSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}

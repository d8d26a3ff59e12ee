package io.calcommcp.server.research;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;

/**
 * The order of a list that cannot sort itself: by one field, largest first. Timestamps (with an
 * offset, or dates) compare as instants, so {@code 09:00-05:00} is later than {@code 12:00Z};
 * numbers as numbers; other text as text. Records without the field come last.
 *
 * @param instant the field as an instant, if it reads as one
 * @param number the field as a number, if it is one
 * @param text the field as text, if it has a value
 */
record NewestFirst(Optional<Instant> instant, Optional<Double> number, Optional<String> text) {

    /**
     * Largest first. Values of different kinds (an instant, a number, other text) do not compare,
     * so each kind keeps together, in that order; records without a value come last, in their order.
     */
    static final Comparator<NewestFirst> ORDER = (a, b) -> {
        int kind = Integer.compare(a.kind(), b.kind());
        if (kind != 0) {
            return kind;
        }
        return switch (a.kind()) {
            case 0 -> b.instant.get().compareTo(a.instant.get());
            case 1 -> Double.compare(b.number.get(), a.number.get());
            case 2 -> b.text.get().compareTo(a.text.get());
            default -> 0;
        };
    };

    private int kind() {
        return instant.isPresent() ? 0 : number.isPresent() ? 1 : text.isPresent() ? 2 : 3;
    }

    /** No value: sorts last. */
    static final NewestFirst NONE = new NewestFirst(Optional.empty(), Optional.empty(), Optional.empty());

    static NewestFirst of(Optional<JsonNode> value) {
        if (value.isEmpty() || !value.get().isValueNode() || value.get().isNull()) {
            return NONE;
        }
        JsonNode node = value.get();
        if (node.isNumber()) {
            return new NewestFirst(Optional.empty(), Optional.of(node.asDouble()), Optional.of(node.asText()));
        }
        String text = node.asText();
        return new NewestFirst(instant(text), Optional.empty(), Optional.of(text));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            // Not a timestamp with an offset; perhaps a date.
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

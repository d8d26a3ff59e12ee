package io.calcommcp.server.transport;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Which {@code MCP-Protocol-Version} headers a request may carry: none (before {@code initialize},
 * and from clients of the revisions that had no header), one of the revisions the SDK speaks, or a
 * revision newer than all of them. A newer client (2026-07-28 and later) first asks {@code
 * server/discover} with its own revision in the header and falls back to {@code initialize} when
 * the method is not found; refusing its header would break that fallback, so it is answered as
 * the newest revision spoken here. Anything else (an older revision, a date that is not one, text)
 * is refused with 400, as the specification requires.
 */
final class ProtocolVersions {

    private final List<String> supported;
    private final LocalDate newest;

    /** @param supported the revisions the SDK speaks, oldest first */
    ProtocolVersions(List<String> supported) {
        this.supported = List.copyOf(supported);
        this.newest = LocalDate.parse(supported.get(supported.size() - 1));
    }

    boolean accepts(String header) {
        if (header == null || supported.contains(header)) {
            return true;
        }
        if (header.length() != 10) {
            return false;
        }
        try {
            return LocalDate.parse(header).isAfter(newest);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    List<String> supported() {
        return supported;
    }

    /** The revisions spoken, as a sentence names them: {@code 2025-03-26, 2025-06-18 and 2025-11-25}. */
    String spoken() {
        if (supported.size() == 1) {
            return supported.get(0);
        }
        return String.join(", ", supported.subList(0, supported.size() - 1)) + " and "
                + supported.get(supported.size() - 1);
    }
}

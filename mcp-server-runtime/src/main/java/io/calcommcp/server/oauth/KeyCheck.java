package io.calcommcp.server.oauth;

/**
 * Checks the API key a person enters on the consent page before anything is stored, with one
 * cheap read of the API (which one, the vendor profile says: the runtime knows no vendor).
 */
@FunctionalInterface
public interface KeyCheck {

    /** What the API said about a key. */
    sealed interface Result {
        /** The API accepted the key. */
        record Accepted() implements Result {}

        /**
         * The API refused it (unknown, revoked, without access); {@code reason} is shown to the
         * person on the consent page, so it says what to do and never repeats the key.
         */
        record Refused(String reason) implements Result {}

        /** The API could not be asked (down, slow, rate-limited); the person may try again. */
        record Unavailable(String reason) implements Result {}
    }

    /** Asks the API whether {@code apiKey} works. Never logs it. */
    Result check(String apiKey);
}

package io.calcommcp.server.upstream;

/**
 * The API could not be reached or did not answer in time. The message says what happened in words
 * a user can act on and never contains credentials.
 */
public final class UpstreamUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} must be safe to show to a user. */
    public UpstreamUnavailableException(String message) {
        super(message);
    }
}

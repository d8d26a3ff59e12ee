package io.calcommcp.server.upstream;

/**
 * The API could not be reached or did not answer in time. The message says what happened in words
 * a user can act on and never contains credentials.
 */
public final class UpstreamUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean mayHaveArrived;

    /**
     * Creates the exception; {@code message} must be safe to show to a user.
     *
     * @param mayHaveArrived whether the API may have received the request (it did not answer in
     *     time, or the connection broke) rather than surely not (no connection was made)
     */
    public UpstreamUnavailableException(String message, boolean mayHaveArrived) {
        super(message);
        this.mayHaveArrived = mayHaveArrived;
    }

    /**
     * Whether the API may have received and carried out the request: then a change may have been
     * made, and repeating it could make it twice.
     */
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }
}

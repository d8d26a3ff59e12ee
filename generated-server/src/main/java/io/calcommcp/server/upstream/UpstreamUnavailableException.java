package io.calcommcp.server.upstream;

/**
 * The upstream API could not be reached or did not answer in time. The message says what
 * happened in words a user can act on and never contains credentials.
 */
public final class UpstreamUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why no answer was received. */
    public enum Reason {
        /** Nothing accepted the connection (wrong URL, service down). */
        CONNECTION_FAILED,
        /** The connection or the answer took longer than the configured timeout. */
        TIMEOUT,
        /** The connection broke while the request was in flight. */
        NETWORK_ERROR
    }

    private final Reason reason;

    /** Creates the exception; {@code message} must be safe to show to a user. */
    public UpstreamUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why no answer was received. */
    public Reason reason() {
        return reason;
    }
}

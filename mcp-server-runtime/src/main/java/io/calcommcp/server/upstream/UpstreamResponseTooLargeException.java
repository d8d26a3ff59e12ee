package io.calcommcp.server.upstream;

/**
 * The API's answer was larger than this server reads; it was not read to the end. The message is
 * safe to show to a user.
 */
public final class UpstreamResponseTooLargeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param status the HTTP status the too-large answer came with */
    public UpstreamResponseTooLargeException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the answer came with. */
    public int status() {
        return status;
    }
}

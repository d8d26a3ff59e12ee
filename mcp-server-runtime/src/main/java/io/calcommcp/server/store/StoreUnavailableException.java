package io.calcommcp.server.store;

/**
 * The database did not answer while the server was running (it is down, or unreachable). Callers
 * answer "try again later"; the message names no secret and no SQL.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

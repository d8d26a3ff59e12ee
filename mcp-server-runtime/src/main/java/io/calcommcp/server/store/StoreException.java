package io.calcommcp.server.store;

/**
 * The store cannot be opened or used as asked. The message says what is wrong and what to change;
 * it never contains a secret.
 */
public final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

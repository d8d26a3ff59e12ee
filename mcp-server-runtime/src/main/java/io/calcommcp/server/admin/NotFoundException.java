package io.calcommcp.server.admin;

/** The id names nothing (any more). */
public final class NotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}

package io.calcommcp.server.cli;

/** The command line or environment is wrong; the message says what to change. Exit code 2. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public UsageException(String message) {
        super(message);
    }
}

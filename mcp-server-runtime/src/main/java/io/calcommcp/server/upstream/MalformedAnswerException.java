package io.calcommcp.server.upstream;

import java.io.IOException;

/**
 * What came back is not an HTTP/1.x answer this client can read. The message says what was wrong
 * with it in fixed words; it never quotes the answer, which may echo the request's credentials.
 */
final class MalformedAnswerException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedAnswerException(String problem) {
        super(problem);
    }
}

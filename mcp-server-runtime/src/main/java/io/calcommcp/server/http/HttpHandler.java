package io.calcommcp.server.http;

import java.io.IOException;

/** Answers the requests of one route. It runs on the connection's thread and may block. */
@FunctionalInterface
public interface HttpHandler {

    /**
     * Answers {@code request} through {@code response}. A handler that sends nothing answers with
     * the status it set and no body; one that throws answers 500.
     */
    void handle(HttpRequest request, HttpResponse response) throws IOException;
}

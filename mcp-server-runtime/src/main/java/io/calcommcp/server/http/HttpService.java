package io.calcommcp.server.http;

/** One service on the HTTP server: it registers its own routes and releases what it holds on close. */
public interface HttpService extends AutoCloseable {

    /** Adds the service's servlets to {@code routes}. */
    void register(Routes routes);

    /** Releases what the service holds; the server calls it once, when it stops. */
    @Override
    default void close() {}
}

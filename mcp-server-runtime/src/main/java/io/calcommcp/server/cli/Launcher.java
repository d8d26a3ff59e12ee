package io.calcommcp.server.cli;

import io.calcommcp.server.config.AdminConfig;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.store.StoreConfig;
import io.calcommcp.server.store.StoreException;
import java.io.IOException;

/**
 * Starts the long-running commands; the composition root implements it, so the command line
 * knows the settings and not how the server is put together.
 */
public interface Launcher {

    /**
     * Serves MCP over HTTP (and the admin API, if configured) until the process stops.
     *
     * @return the exit code
     */
    int serve(ServerConfig server, StoreConfig store, AdminConfig admin, CliContext context)
            throws IOException, StoreException, InterruptedException;

    /**
     * Serves MCP over stdin/stdout until stdin closes.
     *
     * @return the exit code
     */
    int stdio(ServerConfig server, CliContext context) throws InterruptedException;

    /**
     * Runs the server's common paths once, in-process, against a stand-in for the API, and exits:
     * the build runs it to record which classes a server loads (a class-data archive), so that a
     * real start loads them faster.
     *
     * @return the exit code
     */
    int warmUp(CliContext context) throws Exception;
}

package io.calcommcp.server.http;

import jakarta.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/** Where services add their servlets, by path. */
public final class Routes {

    private final Context context;

    Routes(Context context) {
        this.context = context;
    }

    /**
     * Serves {@code path} with {@code servlet}.
     *
     * @param name a name unique on this server, for the container's bookkeeping
     * @param path an exact path such as {@code /healthz}, or a prefix such as {@code /mcp/*}
     */
    public void add(String name, String path, HttpServlet servlet) {
        Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
        // The MCP transport completes some requests asynchronously.
        wrapper.setAsyncSupported(true);
        context.addServletMapping(path, name);
    }
}

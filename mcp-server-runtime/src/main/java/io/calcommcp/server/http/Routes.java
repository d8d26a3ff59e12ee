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
     * Serves {@code paths} with {@code servlet}.
     *
     * @param name a name unique on this server, for the container's bookkeeping
     * @param paths exact paths such as {@code /healthz}, or prefixes such as {@code /mcp/*}
     */
    public void add(String name, HttpServlet servlet, String... paths) {
        Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
        wrapper.setAsyncSupported(true);
        for (String path : paths) {
            context.addServletMapping(path, name);
        }
    }
}

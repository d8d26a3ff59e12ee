package com.example.app;

import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.ToolDefinition;
import java.util.ServiceLoader;

/** Hand-written code finds the generated catalog through the service loader, as the server does. */
public final class App {

    private App() {}

    public static void main(String[] args) {
        for (ToolCatalog catalog : ServiceLoader.load(ToolCatalog.class)) {
            for (ToolDefinition tool : catalog.tools()) {
                System.out.println(tool.name() + " " + tool.route().method() + " " + tool.route().pathTemplate());
            }
        }
    }
}

package com.example.app;

import com.example.notes.tools.ToolCatalog;
import com.example.notes.tools.ToolDefinition;

/** Hand-written code compiles against the generated catalog. */
public final class App {

    private App() {}

    public static void main(String[] args) {
        for (ToolDefinition tool : ToolCatalog.all()) {
            System.out.println(tool.name() + " " + tool.route().method() + " " + tool.route().pathTemplate());
        }
    }
}

package io.calcommcp.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "tools",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the tools this server offers: one line each (name, access, verb, method, path), or with --json a"
                    + " JSON array of objects with name, title, description, operationId, method, path, access,"
                    + " verb, tags, annotations, inputSchema and advertised (what tools/list shows: description,"
                    + " inputSchema and its cost in tokens). Needs no API key.",
            ""
        })
final class ToolsCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    Options.Json output = new Options.Json();

    ToolsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out()
                .print(
                        output.json
                                ? ToolListing.json(context.tools().tools(), context.json()) + "\n"
                                : ToolListing.table(context.tools().tools()));
        context.out().flush();
        return 0;
    }
}

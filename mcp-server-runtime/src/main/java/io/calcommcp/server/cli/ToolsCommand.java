package io.calcommcp.server.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code tools}: the tool list, for people and for scripts. */
final class ToolsCommand implements TopLevelCommand {

    private final CliContext context;
    private Options.Json output;

    ToolsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "tools";
    }

    @Override
    public String[] description() {
        return new String[] {
            "Prints the tools this server offers: one line each (name, access, verb, method, path), or"
                    + " with --json a JSON array of objects with name, title, description, operationId,"
                    + " method, path, access, verb, tags, annotations, inputSchema and advertised (what"
                    + " tools/list shows: description, inputSchema and its cost in tokens). Needs no API"
                    + " key."
        };
    }

    @Override
    public CommandSpec spec() {
        output = new Options.Json();
        return Commands.with(Commands.runs(name(), this::run, description()), output);
    }

    private int run() {
        context.out()
                .print(
                        output.json()
                                ? ToolListing.json(context.tools().tools(), context.json()) + "\n"
                                : ToolListing.table(context.tools().tools()));
        context.out().flush();
        return 0;
    }
}

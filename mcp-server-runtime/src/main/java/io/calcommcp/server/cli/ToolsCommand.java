package io.calcommcp.server.cli;

import io.calcommcp.server.cli.args.CommandSpec;
import io.calcommcp.server.cli.args.ParsedArguments;

/** {@code tools}: the tool list, for people and for scripts. */
final class ToolsCommand {

    private final CliContext context;

    ToolsCommand(CliContext context) {
        this.context = context;
    }

    CommandSpec spec() {
        return CommandSpec.named("tools")
                .description("Prints the tools this server offers: one line each (name, access, verb, method, path),"
                        + " or with --json a JSON array of objects with name, title, description, operationId, method,"
                        + " path, access, verb, tags, annotations, inputSchema and advertised (what tools/list shows:"
                        + " description, inputSchema and its cost in tokens). Needs no API key.")
                .options(Options.Json.OPTIONS)
                .action(this::run)
                .build();
    }

    private int run(ParsedArguments arguments) {
        context.out()
                .print(
                        Options.Json.from(arguments).json
                                ? ToolListing.json(context.tools().tools(), context.json()) + "\n"
                                : ToolListing.table(context.tools().tools()));
        context.out().flush();
        return 0;
    }
}

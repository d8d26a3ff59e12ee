package io.calcommcp.server.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Not for users: the build's training run for the class-data archive (see {@link Launcher#warmUp}). */
final class WarmUpCommand implements TopLevelCommand {

    /** A typical {@code serve} line; only parsed and read, never served. */
    private static final List<String> SERVE_LINE = List.of(
            "--port", "0", "--upstream", "http://127.0.0.1:9", "--data-dir", "warm-up-data", "--allowed-host", "x");

    private final CliContext context;

    WarmUpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "warm-up";
    }

    @Override
    public String[] description() {
        return new String[] {"Runs the server's common paths once and exits."};
    }

    @Override
    public boolean hidden() {
        return true;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec command = Commands.runs(name(), this::run, description());
        command.usageMessage().hidden(true);
        return command;
    }

    private int run() throws Exception {
        // Every start of a server parses its flags and reads the environment first; doing it here
        // puts that path (and the lambdas it spins) into the archive too.
        ServeCommand serve = new ServeCommand(context);
        new CommandLine(serve.spec()).parseArgs(SERVE_LINE.toArray(String[]::new));
        serve.settings();
        return context.launcher().warmUp(context);
    }
}

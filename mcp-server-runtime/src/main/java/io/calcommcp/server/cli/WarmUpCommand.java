package io.calcommcp.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Not for users: the build's training run for the class-data archive (see {@link Launcher#warmUp}). */
@Command(name = "warm-up", hidden = true, description = "Runs the server's common paths once and exits.")
final class WarmUpCommand implements Callable<Integer> {

    private final CliContext context;

    WarmUpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return context.launcher().warmUp(context);
    }
}

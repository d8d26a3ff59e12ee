package io.calcommcp.server.cli;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Says what is wrong with a command line that picocli refused, and exits 2: an unknown option or
 * command with the near miss it probably meant ("Did you mean '--port'?"), then a pointer to the
 * command's help. A value a converter refused is reported in the converter's words, which already
 * name the flag and its variable and give an example.
 */
final class UsageErrors implements IParameterExceptionHandler {

    /** The exit code of a command line or configuration that is wrong. */
    static final int EXIT_CODE = 2;

    /** Edits (insertions, deletions, replacements) a near miss may be away from what was meant. */
    private static final int NEAR_MISS_EDITS = 2;

    private final PrintStream err;

    UsageErrors(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        if (ex.getCause() instanceof TypeConversionException refused) {
            err.println("Error: " + refused.getMessage());
        } else {
            CommandSpec command = ex.getCommandLine().getCommandSpec();
            err.println("Error: " + message(ex, command) + " Run '" + command.qualifiedName()
                    + " --help' for the options.");
        }
        err.flush();
        return EXIT_CODE;
    }

    private static String message(ParameterException ex, CommandSpec command) {
        if (ex instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String given = unmatched.getUnmatched().get(0);
            if (unmatched.isUnknownOption()) {
                String name = given.split("=", 2)[0];
                return "Unknown option: '" + given + "'." + suggestion(name, optionNames(command));
            }
            if (!command.subcommands().isEmpty()) {
                List<String> commands = Commands.listedSubcommands(command);
                return "Unknown command: '" + given + "'; the commands are " + String.join(", ", commands) + "."
                        + suggestion(given, commands);
            }
            return "Unexpected argument: '" + given + "'.";
        }
        if (ex instanceof OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return "Option '" + option.longestName() + "' is given twice.";
        }
        // picocli's own messages, as sentences: "option '--json' should be ..." starts lower-case.
        String text = ex.getMessage();
        String sentence = text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    /** The long names of the options a user may give {@code command}. */
    private static List<String> optionNames(CommandSpec command) {
        return command.options().stream()
                .filter(option -> !option.hidden())
                .map(OptionSpec::longestName)
                .toList();
    }

    /**
     * " Did you mean 'x'?" for the one name within a couple of edits of {@code given}, else
     * nothing. picocli's own suggestions are the options that share the first two letters, which
     * misses a swap ({@code --prot}) and guesses wildly ({@code --colour}: {@code --connect-timeout}).
     */
    private static String suggestion(String given, List<String> names) {
        List<String> close = names.stream()
                .filter(name -> distance(given, name) <= NEAR_MISS_EDITS)
                .toList();
        return close.size() == 1 ? " Did you mean '" + close.get(0) + "'?" : "";
    }

    /** Levenshtein distance: the fewest insertions, deletions and replacements from a to b. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package io.calcommcp.server.cli.args;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a command's help: a synopsis, its description, its arguments and options (in the order
 * declared, help and version last), and the subcommands of a group. Text is wrapped at a fixed
 * width; {@code ${word}} in any text is replaced by its entry in the words given (the API's name,
 * the prefix of the environment variables).
 */
public final class HelpText {

    /** Where descriptions start in the option list; longer option names get a line of their own. */
    private static final int DESCRIPTION_COLUMN = 29;

    private static final Pattern WORD = Pattern.compile("\\$\\{([a-zA-Z.]+)}");

    private final int width;
    private final Map<String, String> words;

    /**
     * @param width the longest line
     * @param words what {@code ${word}} stands for in help texts
     */
    public HelpText(int width, Map<String, String> words) {
        this.width = width;
        this.words = Map.copyOf(words);
    }

    /** The help of the last command of {@code path}. */
    public String of(List<CommandSpec> path) {
        CommandSpec command = path.get(path.size() - 1);
        StringBuilder text = new StringBuilder();
        text.append(synopsis(path));
        for (String paragraph : command.description()) {
            text.append(wrap(fill(paragraph), 0, 0));
        }
        text.append('\n');
        List<String[]> rows = new ArrayList<>();
        for (Positional positional : command.positionals()) {
            rows.add(new String[] {"      " + positional.label(), positional.description()});
        }
        for (OptionSpec option : command.options()) {
            rows.add(new String[] {"      " + option.synopsis(), option.description()});
        }
        rows.add(new String[] {"  -h, --help", "Show this help message and exit."});
        rows.add(new String[] {"  -V, --version", "Print version information and exit."});
        rows.forEach(row -> text.append(row(row[0], row[1], DESCRIPTION_COLUMN)));
        List<CommandSpec> listed = command.listedSubcommands();
        if (!listed.isEmpty()) {
            text.append("\nCommands:\n");
            int column = listed.stream().mapToInt(c -> c.name().length()).max().orElse(0) + 4;
            for (CommandSpec subcommand : listed) {
                String summary = subcommand.description().isEmpty()
                        ? ""
                        : subcommand.description().get(0);
                text.append(row("  " + subcommand.name(), summary, column));
            }
        }
        command.footer().ifPresent(footer -> text.append('\n').append(wrap(fill(footer), 0, 0)));
        return text.toString();
    }

    /** The command's name, then every option and argument, wrapped under the first of them. */
    private String synopsis(List<CommandSpec> path) {
        CommandSpec command = path.get(path.size() - 1);
        String head = "Usage: "
                + String.join(" ", path.stream().map(CommandSpec::name).toList());
        List<String> parts = new ArrayList<>();
        parts.add("[-hV]");
        for (OptionSpec option : command.options()) {
            String shown = option.isRequired() ? option.synopsis() : "[" + option.synopsis() + "]";
            parts.add(option.isRepeatable() ? shown + "..." : shown);
        }
        command.positionals().forEach(positional -> parts.add(positional.label()));
        if (!command.subcommands().isEmpty()) {
            parts.add("COMMAND");
        }
        int indent = head.length() + 1 <= width / 2 ? head.length() + 1 : "Usage: ".length();
        StringBuilder text = new StringBuilder(head);
        int lineLength = head.length();
        for (String part : parts) {
            if (lineLength + 1 + part.length() > width) {
                text.append('\n').append(" ".repeat(indent)).append(part);
                lineLength = indent + part.length();
            } else {
                text.append(' ').append(part);
                lineLength += 1 + part.length();
            }
        }
        return text.append('\n').toString();
    }

    /** A name and its description; the description wraps in its column, continued two further in. */
    private String row(String name, String description, int column) {
        String filled = fill(description);
        if (filled.isBlank()) {
            return name + "\n";
        }
        if (name.length() + 2 > column) {
            return name + "\n" + wrap(filled, column, column + 2);
        }
        String body = wrap(filled, column, column + 2);
        return name + body.substring(name.length());
    }

    /**
     * {@code text} in lines of at most the width: the first indented by {@code first} spaces, the
     * others by {@code rest}; a word longer than a line gets one of its own.
     */
    private String wrap(String text, int first, int rest) {
        StringBuilder out = new StringBuilder(" ".repeat(first));
        int lineLength = first;
        boolean lineEmpty = true;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!lineEmpty && lineLength + 1 + word.length() > width) {
                out.append('\n').append(" ".repeat(rest));
                lineLength = rest;
                lineEmpty = true;
            }
            if (!lineEmpty) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
            lineEmpty = false;
        }
        return out.append('\n').toString();
    }

    /** {@code text} with each {@code ${word}} replaced; unknown words stay as they are. */
    private String fill(String text) {
        Matcher matcher = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String word = words.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(word == null ? matcher.group() : word));
        }
        return matcher.appendTail(out).toString();
    }
}

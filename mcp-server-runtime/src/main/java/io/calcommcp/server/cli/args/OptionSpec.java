package io.calcommcp.server.cli.args;

import java.util.Objects;

/**
 * One option of a command: its name ({@code --port}), the label of its value in the help ({@code
 * N}), its help text, and how it is given. Used as the key to its value in {@link
 * ParsedArguments}, so a command reads what it declared, never a name spelled twice.
 */
public final class OptionSpec {

    /** How an option is given on the command line. */
    public enum Kind {
        /** {@code --name VALUE} or {@code --name=VALUE}, at most once. */
        VALUE,
        /** Like {@link #VALUE}, but repeatable; every occurrence is kept. */
        REPEATABLE,
        /** Repeatable, and each value is also split at commas. */
        COMMA_SEPARATED,
        /** {@code --name} alone, which means true. */
        FLAG,
        /** {@code --name} for true, {@code --no-name} for false; absent means neither. */
        NEGATABLE
    }

    private final String name;
    private final String label;
    private final String description;
    private final Kind kind;
    private final boolean required;

    private OptionSpec(String name, String label, String description, Kind kind, boolean required) {
        if (!name.startsWith("--")) {
            throw new IllegalArgumentException("an option's name starts with --: " + name);
        }
        this.name = name;
        this.label = label;
        this.description = Objects.requireNonNull(description);
        this.kind = kind;
        this.required = required;
    }

    /** An option with one value. */
    public static OptionSpec value(String name, String label, String description) {
        return new OptionSpec(name, label, description, Kind.VALUE, false);
    }

    /** An option that may be given more than once. */
    public static OptionSpec repeatable(String name, String label, String description) {
        return new OptionSpec(name, label, description, Kind.REPEATABLE, false);
    }

    /** A repeatable option whose values may also be comma-separated lists. */
    public static OptionSpec commaSeparated(String name, String label, String description) {
        return new OptionSpec(name, label, description, Kind.COMMA_SEPARATED, false);
    }

    /** An option without a value. */
    public static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, description, Kind.FLAG, false);
    }

    /** An option that is switched on with {@code --name} and off with {@code --no-name}. */
    public static OptionSpec negatable(String name, String description) {
        return new OptionSpec(name, null, description, Kind.NEGATABLE, false);
    }

    /** The same option, which the command cannot run without. */
    public OptionSpec required() {
        if (kind != Kind.VALUE) {
            throw new IllegalStateException(name + ": only an option with one value can be required");
        }
        return new OptionSpec(name, label, description, kind, true);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRequired() {
        return required;
    }

    /** Whether the option may be given more than once. */
    public boolean isRepeatable() {
        return kind == Kind.REPEATABLE || kind == Kind.COMMA_SEPARATED;
    }

    /** Whether the option is followed by a value. */
    public boolean takesValue() {
        return kind == Kind.VALUE || kind == Kind.REPEATABLE || kind == Kind.COMMA_SEPARATED;
    }

    /** {@code --no-name}, the spelling that turns a negatable option off. */
    String negatedName() {
        return "--no-" + name.substring(2);
    }

    /** How the option is shown in a synopsis and in the option list: {@code --port=N}. */
    public String synopsis() {
        return switch (kind) {
            case VALUE, REPEATABLE -> name + "=" + label;
            case COMMA_SEPARATED -> name + "=" + label + "[," + label + "...]";
            case FLAG -> name;
            case NEGATABLE -> "--[no-]" + name.substring(2);
        };
    }

    @Override
    public String toString() {
        return name;
    }
}

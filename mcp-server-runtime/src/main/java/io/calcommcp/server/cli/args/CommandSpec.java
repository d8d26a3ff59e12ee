package io.calcommcp.server.cli.args;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command: its name, help text, options and arguments, and either what it runs or the
 * subcommands it groups. Immutable; built with {@link #named(String)}.
 */
public final class CommandSpec {

    /** What a command does with its parsed arguments; returns the exit code. */
    @FunctionalInterface
    public interface Action {
        int run(ParsedArguments arguments) throws Exception;
    }

    private final String name;
    private final List<String> description;
    private final List<OptionSpec> options;
    private final List<Positional> positionals;
    private final Map<String, CommandSpec> subcommands;
    private final Optional<Action> action;
    private final boolean hidden;
    private final Optional<String> footer;

    private CommandSpec(Builder builder) {
        this.name = builder.name;
        this.description = List.copyOf(builder.description);
        this.options = List.copyOf(builder.options);
        this.positionals = List.copyOf(builder.positionals);
        this.subcommands = Collections.unmodifiableMap(new LinkedHashMap<>(builder.subcommands));
        this.action = Optional.ofNullable(builder.action);
        this.hidden = builder.hidden;
        this.footer = Optional.ofNullable(builder.footer);
    }

    /** Starts a command called {@code name}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Paragraphs of help text; the first one also describes the command in its parent's list. */
    public List<String> description() {
        return description;
    }

    public List<OptionSpec> options() {
        return options;
    }

    public List<Positional> positionals() {
        return positionals;
    }

    /** The subcommands, in the order the help lists them; empty for a command that runs. */
    public Map<String, CommandSpec> subcommands() {
        return subcommands;
    }

    public Optional<Action> action() {
        return action;
    }

    /** The subcommands users are offered: all but the hidden ones (commands for the build), in order. */
    public List<CommandSpec> listedSubcommands() {
        return subcommands.values().stream().filter(c -> !c.hidden).toList();
    }

    public Optional<String> footer() {
        return footer;
    }

    /** The option called {@code name} (or, for a negatable one, {@code --no-}name), if declared. */
    Optional<OptionSpec> option(String name) {
        for (OptionSpec option : options) {
            if (option.name().equals(name)
                    || (option.kind() == OptionSpec.Kind.NEGATABLE
                            && option.negatedName().equals(name))) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    /** Collects a command's parts; each option name may be declared once. */
    public static final class Builder {
        private final String name;
        private final List<String> description = new ArrayList<>();
        private final List<OptionSpec> options = new ArrayList<>();
        private final List<Positional> positionals = new ArrayList<>();
        private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
        private Action action;
        private boolean hidden;
        private String footer;

        private Builder(String name) {
            this.name = name;
        }

        /** Paragraphs of help text. */
        public Builder description(String... paragraphs) {
            description.addAll(List.of(paragraphs));
            return this;
        }

        public Builder options(Collection<OptionSpec> more) {
            more.forEach(this::option);
            return this;
        }

        public Builder option(OptionSpec option) {
            for (OptionSpec declared : options) {
                if (declared.name().equals(option.name())) {
                    throw new IllegalArgumentException(name + " declares " + option.name() + " twice");
                }
            }
            options.add(option);
            return this;
        }

        public Builder positional(String label, String description) {
            positionals.add(new Positional(label, description));
            return this;
        }

        public Builder subcommand(CommandSpec subcommand) {
            subcommands.put(subcommand.name(), subcommand);
            return this;
        }

        public Builder action(Action run) {
            this.action = run;
            return this;
        }

        public Builder hidden() {
            this.hidden = true;
            return this;
        }

        /** A last paragraph, after the options and commands. */
        public Builder footer(String text) {
            this.footer = text;
            return this;
        }

        public CommandSpec build() {
            if ((action == null) == subcommands.isEmpty()) {
                throw new IllegalStateException(name + ": a command either runs or groups subcommands");
            }
            return new CommandSpec(this);
        }
    }
}

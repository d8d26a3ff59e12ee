package io.calcommcp.server.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * One setting of the server: a flag, the environment variable behind it, and the converter that
 * reads both, so that a value means the same wherever it is given. The flag wins over the
 * variable; with neither, the caller's default applies.
 *
 * @param <T> the value's type
 */
final class Setting<T> {

    private final OptionSpec option;
    private final String variable;
    private final ValueConverter<T> fromVariable;

    private Setting(OptionSpec option, String variable, ValueConverter<T> fromVariable) {
        this.option = option;
        this.variable = variable;
        this.fromVariable = fromVariable;
    }

    /**
     * A setting with one value.
     *
     * @param name the flag, such as {@code --port}
     * @param label its value in the help, such as {@code N}
     * @param variable the environment variable, such as {@code CALCOM_MCP_PORT}
     * @param type the value's type
     * @param converter reads a value; given the flag and variable to name when it refuses one
     * @param description the help text
     */
    static <T> Setting<T> of(
            String name,
            String label,
            String variable,
            Class<T> type,
            Function<String, ValueConverter<T>> converter,
            String description) {
        return of(name, label, variable, type, converter, List.of(), description);
    }

    /** A setting with one of a few values, which shell completion offers. */
    static <T> Setting<T> of(
            String name,
            String label,
            String variable,
            Class<T> type,
            Function<String, ValueConverter<T>> converter,
            List<String> candidates,
            String description) {
        ValueConverter<T> reader = converter.apply(name + " / " + variable);
        OptionSpec.Builder option = OptionSpec.builder(name)
                .paramLabel(label)
                .type(type)
                .converters(reader)
                .description(description);
        if (!candidates.isEmpty()) {
            option.completionCandidates(candidates);
        }
        return new Setting<>(option.build(), variable, reader);
    }

    /**
     * A setting with a list of values: the flag repeated, or the variable's values separated by
     * commas.
     */
    static Setting<List<String>> list(String name, String label, String variable, String description) {
        OptionSpec option = OptionSpec.builder(name)
                .paramLabel(label)
                .type(List.class)
                .auxiliaryTypes(String.class)
                .description(description)
                .build();
        return new Setting<List<String>>(
                option,
                variable,
                text -> Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(value -> !value.isEmpty())
                        .toList());
    }

    /**
     * A setting that is on or off: the flag alone turns it on ({@code --no-<name>} off, when
     * {@code negatable}); the variable says {@code true} or {@code false} ({@code on}/{@code off},
     * {@code yes}/{@code no}, {@code 1}/{@code 0}).
     *
     * @param hidden left out of the help: for settings only tests need
     */
    static Setting<Boolean> flag(String name, String variable, boolean negatable, boolean hidden, String description) {
        ValueConverter<Boolean> reader = Converters.onOff(name + " / " + variable);
        OptionSpec option = OptionSpec.builder(name)
                .type(Boolean.class)
                .arity("0")
                .negatable(negatable)
                .hidden(hidden)
                .description(description)
                .build();
        return new Setting<>(option, variable, reader);
    }

    /** Declares the flag on {@code command}. */
    void addTo(CommandSpec command) {
        command.addOption(option);
    }

    /** The flag's value if it was given, else the variable's, else nothing. */
    Optional<T> value(Map<String, String> env) throws UsageException {
        T given = option.getValue();
        if (given != null && !(given instanceof List<?> values && values.isEmpty())) {
            return Optional.of(given);
        }
        String text = env.get(variable);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromVariable.convert(text.trim()));
        } catch (TypeConversionException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

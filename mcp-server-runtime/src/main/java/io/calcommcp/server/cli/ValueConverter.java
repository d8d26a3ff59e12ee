package io.calcommcp.server.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads one kind of value from text: picocli calls it for a flag, {@link Setting} for the flag's
 * environment variable. A refusal is a {@link TypeConversionException} whose message names the flag
 * and variable, the value, and how to write a good one.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
interface ValueConverter<T> extends ITypeConverter<T> {

    /** The value {@code text} stands for; never throws a checked exception. */
    @Override
    T convert(String text);
}

package io.atolldb.deploy;

import picocli.CommandLine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size given on the command line: a number of bytes with an optional unit, binary (KiB, MiB, GiB, TiB)
 * or decimal (KB, MB, GB, TB); {@code 10GiB}, {@code 1MiB}, {@code 500MB}, {@code 1048576}.
 */
final class ByteSize implements CommandLine.ITypeConverter<Long> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]i?b|b)?");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("not a size: '" + value + "' (for example 10GiB, 1MiB, 500MB, 1048576)");
        }
        long number = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "b" -> 1L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> throw new CommandLine.TypeConversionException("unknown unit in '" + value + "'");
        };
        try {
            return Math.multiplyExact(number, factor);
        } catch (ArithmeticException e) {
            throw new CommandLine.TypeConversionException("size too large: '" + value + "'");
        }
    }
}

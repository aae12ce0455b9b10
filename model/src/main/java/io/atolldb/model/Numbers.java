package io.atolldb.model;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * DynamoDB's number type: parsing, limits and the canonical form.
 *
 * <p>A DynamoDB number is a decimal of at most {@value #MAX_SIGNIFICANT_DIGITS} significant digits
 * whose magnitude is zero or lies in [1E-130, 1E+126), so the
 * exponent of its leading digit (in d.ddd x 10^e form) is between {@value #MIN_EXPONENT} and
 * {@value #MAX_EXPONENT}. Numerically equal inputs ("1", "1.0", "10E-1") are one value: this class
 * hands out the <em>normalized</em> {@link BigDecimal} (trailing zeros stripped, zero as
 * {@link BigDecimal#ZERO}), so {@code equals} is numeric equality.
 */
public final class Numbers {
    public static final int MAX_SIGNIFICANT_DIGITS = 38;
    /** The smallest exponent of the leading digit: 1E-130 is the smallest magnitude. */
    public static final int MIN_EXPONENT = -130;
    /** The largest exponent of the leading digit: 9.99...E+125 is the largest magnitude. */
    public static final int MAX_EXPONENT = 125;

    static final String NOT_NUMERIC = "The parameter cannot be converted to a numeric value";
    static final String TOO_PRECISE = "Attempting to store more than 38 significant digits in a Number";
    static final String OVERFLOW =
            "Number overflow. Attempting to store a number with magnitude larger than supported range";
    static final String UNDERFLOW =
            "Number underflow. Attempting to store a number with magnitude smaller than supported range";

    /** Exponents are clamped here while scanning so that absurd inputs cannot overflow a long. */
    private static final long EXPONENT_CLAMP = 1_000_000_000L;

    private Numbers() {
    }

    /**
     * Parses a number as a client sends it ({"N": "..."}) and returns it normalized.
     *
     * <p>Accepted, as DynamoDB does: an optional sign ('+' included), decimal digits with an optional
     * point ("5", ".5", "5.", "0001.23"), and an optional exponent ("1e+5", "-17.4E37", "0e1000").
     * Rejected: empty text, blanks, NaN, Infinity, hexadecimal and non-ASCII digits.
     *
     * @throws ValidationError with DynamoDB's message when the text is not a number or is out of range
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ValidationError(NOT_NUMERIC);
        }
        var scanned = Scanned.of(text);
        if (scanned == null) {
            throw new ValidationError(NOT_NUMERIC + ": " + text);
        }
        if (scanned.significant.isEmpty()) {
            return BigDecimal.ZERO;
        }
        checkLimits(scanned.exponent, scanned.significant.length());
        var unscaled = new BigInteger(scanned.significant);
        // value = 0.d1d2...dn x 10^(exponent + 1), i.e. unscaled x 10^-(n - 1 - exponent)
        var value = new BigDecimal(unscaled, Math.toIntExact(scanned.significant.length() - 1 - scanned.exponent));
        return scanned.negative ? value.negate() : value;
    }

    /**
     * Checks an already built number against DynamoDB's limits and returns it normalized (numbers
     * computed by update expressions arrive this way).
     *
     * @throws ValidationError with DynamoDB's message when the number is out of range
     */
    public static BigDecimal validate(BigDecimal value) {
        var normalized = normalize(value);
        if (normalized.signum() != 0) {
            checkLimits(exponentOf(normalized), normalized.precision());
        }
        return normalized;
    }

    /** Trailing zeros stripped, zero as {@link BigDecimal#ZERO}: equal numbers get equal objects. */
    public static BigDecimal normalize(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /**
     * The text DynamoDB returns for a number: plain notation (no exponent), no trailing zeros in the
     * fraction, "0" for zero. Examples: 1.0 -> "1", 1E+2 -> "100", -0.50 -> "-0.5", 0.00 -> "0".
     */
    public static String canonical(BigDecimal value) {
        return normalize(value).toPlainString();
    }

    /** The number of significant digits: leading and trailing zeros do not count; zero has none. */
    public static int significantDigits(BigDecimal value) {
        var normalized = normalize(value);
        return normalized.signum() == 0 ? 0 : normalized.precision();
    }

    /**
     * The exponent e of the leading digit when a non-zero number is written d.ddd x 10^e (a long:
     * for a BigDecimal far outside DynamoDB's range it need not fit an int).
     */
    public static long exponentOf(BigDecimal nonZero) {
        if (nonZero.signum() == 0) {
            throw new IllegalArgumentException("zero has no leading digit");
        }
        return (long) nonZero.precision() - nonZero.scale() - 1;
    }

    private static void checkLimits(long exponent, int significantDigits) {
        // Range before precision: the order in which the DynamoDB emulators that were checked against
        // DynamoDB (e.g. dynalite) report them; not verified against DynamoDB itself.
        if (exponent > MAX_EXPONENT) {
            throw new ValidationError(OVERFLOW);
        }
        if (exponent < MIN_EXPONENT) {
            throw new ValidationError(UNDERFLOW);
        }
        if (significantDigits > MAX_SIGNIFICANT_DIGITS) {
            throw new ValidationError(TOO_PRECISE);
        }
    }

    /**
     * Number text taken apart: the sign, the significant digits (no leading or trailing zeros; empty
     * for zero) and the exponent of the first of them.
     */
    private record Scanned(boolean negative, String significant, long exponent) {

        /** Scans {@code text} (not empty); null when it is not a number. */
        static Scanned of(String text) {
            int i = 0;
            boolean negative = false;
            if (text.charAt(0) == '+' || text.charAt(0) == '-') {
                negative = text.charAt(0) == '-';
                i++;
            }
            int integerStart = i;
            i = skipDigits(text, i);
            String integerPart = text.substring(integerStart, i);
            String fractionPart = "";
            if (i < text.length() && text.charAt(i) == '.') {
                int fractionStart = ++i;
                i = skipDigits(text, i);
                fractionPart = text.substring(fractionStart, i);
            }
            if (integerPart.isEmpty() && fractionPart.isEmpty()) {
                return null;
            }
            long exponentPart = 0;
            if (i < text.length()) {
                if (text.charAt(i) != 'e' && text.charAt(i) != 'E') {
                    return null;
                }
                i++;
                boolean negativeExponent = i < text.length() && text.charAt(i) == '-';
                if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                    i++;
                }
                int exponentStart = i;
                i = skipDigits(text, i);
                if (i == exponentStart || i != text.length()) {
                    return null;
                }
                for (int j = exponentStart; j < i; j++) {
                    exponentPart = Math.min(EXPONENT_CLAMP, exponentPart * 10 + (text.charAt(j) - '0'));
                }
                exponentPart = negativeExponent ? -exponentPart : exponentPart;
            }
            String allDigits = integerPart + fractionPart;
            int first = 0;
            while (first < allDigits.length() && allDigits.charAt(first) == '0') {
                first++;
            }
            if (first == allDigits.length()) {
                return new Scanned(false, "", 0);
            }
            int end = allDigits.length();
            while (allDigits.charAt(end - 1) == '0') {
                end--;
            }
            long leadingDigitExponent = integerPart.length() - 1L - first + exponentPart;
            return new Scanned(negative, allDigits.substring(first, end), leadingDigitExponent);
        }

        private static int skipDigits(String text, int from) {
            int i = from;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            return i;
        }
    }
}

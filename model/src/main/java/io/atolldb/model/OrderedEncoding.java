package io.atolldb.model;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Order-preserving, self-delimiting encodings of key values (S, N, B): for two values a and b of
 * one type, compare(encode(a), encode(b)) as unsigned bytes equals DynamoDB's order of a and b.
 * No encoding is a prefix of another, so encode(pk) + encode(sk) sorts by pk first, then by sk, and
 * the keys of one partition key are exactly the keys starting with encode(pk).
 *
 * <p>The layout is persisted (it is the RocksDB key); tags and rules are fixed forever:
 * <pre>
 *   S: 0x20 | UTF-8 bytes, escaped | 0x00 0x01        escaping: 0x00 -> 0x00 0xFF
 *   B: 0x30 | raw bytes, escaped   | 0x00 0x01
 *   N: 0x14 | ~exponent | ~mantissa                   negative
 *      0x15                                           zero
 *      0x16 |  exponent |  mantissa                   positive
 * </pre>
 * For N, the exponent byte is e + 130, where e is the exponent of the leading digit (d.ddd x 10^e,
 * -130..125 fills exactly one byte). The mantissa is the significant digits (no leading or trailing
 * zeros; an odd count padded with one trailing 0) taken two at a time as a centimal digit c in 0..99,
 * stored as 2c + 1, except the last, stored as 2c: the even byte ends the number. Negative numbers
 * store every exponent and mantissa byte complemented (255 - b), which reverses their order.
 */
public final class OrderedEncoding {
    static final byte TAG_NEGATIVE_NUMBER = 0x14;
    static final byte TAG_ZERO = 0x15;
    static final byte TAG_POSITIVE_NUMBER = 0x16;
    static final byte TAG_STRING = 0x20;
    static final byte TAG_BINARY = 0x30;

    private static final int ESCAPE = 0x00;
    private static final int ESCAPED_ZERO = 0xFF;
    private static final int TERMINATOR = 0x01;

    private OrderedEncoding() {
    }

    /** A decoded key value and the offset just after its encoding. */
    public record Decoded(AttributeValue value, int nextOffset) {
    }

    /**
     * Encodes a key value.
     *
     * @throws IllegalArgumentException when the value is not S, N or B
     * @throws ValidationError when a number is outside DynamoDB's limits
     */
    public static byte[] encodeKeyValue(AttributeValue value) {
        var out = new ByteArrayOutputStream();
        switch (value) {
            case AttributeValue.S s -> writeEscaped(out, TAG_STRING, s.value().getBytes(StandardCharsets.UTF_8), true);
            case AttributeValue.B b -> writeEscaped(out, TAG_BINARY, b.value().toByteArray(), true);
            case AttributeValue.N n -> writeNumber(out, Numbers.validate(n.value()));
            default -> throw new IllegalArgumentException("not a key type (S, N or B): " + value.typeName());
        }
        return out.toByteArray();
    }

    /**
     * The bytes every encoding of an S (or B) value starting with {@code prefix} starts with, and
     * only those: the tag and the escaped content without its terminator. For begins_with.
     *
     * @throws IllegalArgumentException when the prefix is not S or B
     */
    public static byte[] encodeBeginsWithPrefix(AttributeValue prefix) {
        var out = new ByteArrayOutputStream();
        switch (prefix) {
            case AttributeValue.S s -> writeEscaped(out, TAG_STRING, s.value().getBytes(StandardCharsets.UTF_8), false);
            case AttributeValue.B b -> writeEscaped(out, TAG_BINARY, b.value().toByteArray(), false);
            default -> throw new IllegalArgumentException("begins_with needs S or B: " + prefix.typeName());
        }
        return out.toByteArray();
    }

    /**
     * Decodes the key value encoded at {@code offset}.
     *
     * @throws IllegalArgumentException when the bytes there are not a valid encoding
     */
    public static Decoded decodeKeyValue(byte[] buf, int offset) {
        requireAvailable(buf, offset, 1);
        byte tag = buf[offset];
        return switch (tag) {
            case TAG_STRING -> {
                var content = readEscaped(buf, offset + 1);
                yield new Decoded(new AttributeValue.S(new String(content.bytes, StandardCharsets.UTF_8)), content.next);
            }
            case TAG_BINARY -> {
                var content = readEscaped(buf, offset + 1);
                yield new Decoded(new AttributeValue.B(Bytes.wrap(content.bytes)), content.next);
            }
            case TAG_ZERO -> new Decoded(new AttributeValue.N(BigDecimal.ZERO), offset + 1);
            case TAG_POSITIVE_NUMBER, TAG_NEGATIVE_NUMBER -> readNumber(buf, offset + 1, tag == TAG_NEGATIVE_NUMBER);
            default -> throw new IllegalArgumentException("unknown key value tag 0x" + Integer.toHexString(tag & 0xFF)
                    + " at offset " + offset);
        };
    }

    private static void writeEscaped(ByteArrayOutputStream out, byte tag, byte[] content, boolean terminate) {
        out.write(tag);
        for (byte b : content) {
            out.write(b);
            if (b == ESCAPE) {
                out.write(ESCAPED_ZERO);
            }
        }
        if (terminate) {
            out.write(ESCAPE);
            out.write(TERMINATOR);
        }
    }

    private record Content(byte[] bytes, int next) {
    }

    private static Content readEscaped(byte[] buf, int offset) {
        var content = new ByteArrayOutputStream();
        int i = offset;
        while (true) {
            requireAvailable(buf, i, 1);
            byte b = buf[i++];
            if (b != ESCAPE) {
                content.write(b);
                continue;
            }
            requireAvailable(buf, i, 1);
            int marker = buf[i++] & 0xFF;
            if (marker == TERMINATOR) {
                return new Content(content.toByteArray(), i);
            }
            if (marker != ESCAPED_ZERO) {
                throw new IllegalArgumentException("bad escape 0x00 0x" + Integer.toHexString(marker) + " at " + (i - 2));
            }
            content.write(0);
        }
    }

    private static void writeNumber(ByteArrayOutputStream out, BigDecimal normalized) {
        int sign = normalized.signum();
        if (sign == 0) {
            out.write(TAG_ZERO);
            return;
        }
        int flip = sign < 0 ? 0xFF : 0x00;
        out.write(sign < 0 ? TAG_NEGATIVE_NUMBER : TAG_POSITIVE_NUMBER);
        out.write((int) (Numbers.exponentOf(normalized) - Numbers.MIN_EXPONENT) ^ flip); // 0..255: validated
        String digits = normalized.unscaledValue().abs().toString();
        if (digits.length() % 2 == 1) {
            digits = digits + "0";
        }
        for (int i = 0; i < digits.length(); i += 2) {
            int centimal = (digits.charAt(i) - '0') * 10 + (digits.charAt(i + 1) - '0');
            boolean last = i + 2 == digits.length();
            out.write((2 * centimal + (last ? 0 : 1)) ^ flip);
        }
    }

    private static Decoded readNumber(byte[] buf, int offset, boolean negative) {
        int flip = negative ? 0xFF : 0x00;
        requireAvailable(buf, offset, 1);
        int exponent = ((buf[offset] & 0xFF) ^ flip) + Numbers.MIN_EXPONENT;
        var digits = new StringBuilder();
        int i = offset + 1;
        while (true) {
            requireAvailable(buf, i, 1);
            int b = (buf[i++] & 0xFF) ^ flip;
            int centimal = b / 2;
            if (centimal > 99) {
                throw new IllegalArgumentException("bad number digit byte at " + (i - 1));
            }
            digits.append((char) ('0' + centimal / 10)).append((char) ('0' + centimal % 10));
            if (b % 2 == 0) {
                break;
            }
        }
        String significant = stripTrailingZeros(digits);
        if (significant.isEmpty() || significant.charAt(0) == '0') {
            throw new IllegalArgumentException("bad number mantissa at " + offset);
        }
        var magnitude = new BigDecimal(new BigInteger(significant), significant.length() - 1 - exponent);
        return new Decoded(new AttributeValue.N(negative ? magnitude.negate() : magnitude), i);
    }

    private static String stripTrailingZeros(StringBuilder digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    private static void requireAvailable(byte[] buf, int offset, int count) {
        if (offset < 0 || offset + count > buf.length) {
            throw new IllegalArgumentException("truncated key value: needs " + count + " byte(s) at offset " + offset
                    + " of a " + buf.length + "-byte buffer");
        }
    }
}

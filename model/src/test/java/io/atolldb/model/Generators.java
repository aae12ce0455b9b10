package io.atolldb.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for the model's values, shared by the property tests. Strings are valid Unicode
 * (whole code points, NUL and supplementary characters included); binaries favour 0x00 and 0xFF,
 * the bytes the ordered encoding treats specially.
 */
public final class Generators {
    private Generators() {
    }

    /** Valid Unicode text, often empty, with NUL and characters of every UTF-8 length. */
    public static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(6, Arbitraries.integers().between(0x01, 0x7F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(12).map(Generators::fromCodePoints);
    }

    /** Short strings over a tiny alphabet, so that equal values and common prefixes are frequent. */
    public static Arbitrary<String> clashingStrings() {
        return Arbitraries.of(0, (int) 'a', (int) 'b', 0x10400).list().ofMaxSize(4).map(Generators::fromCodePoints);
    }

    public static Arbitrary<Bytes> binaries() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just((byte) 0x00)),
                Tuple.of(2, Arbitraries.just((byte) 0xFF)),
                Tuple.of(1, Arbitraries.just((byte) 0x01)),
                Tuple.of(5, Arbitraries.bytes()));
        return b.list().ofMaxSize(12).map(Generators::toBytes);
    }

    public static Arbitrary<Bytes> clashingBinaries() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0xFF).list().ofMaxSize(4).map(Generators::toBytes);
    }

    /**
     * Numbers DynamoDB accepts: zero, or 1 to 38 significant digits with the leading digit's exponent
     * anywhere in -130..125, either sign; short digit strings and the extreme exponents are frequent.
     */
    public static Arbitrary<BigDecimal> numbers() {
        Arbitrary<Integer> digitCount = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 3)),
                Tuple.of(1, Arbitraries.integers().between(1, Numbers.MAX_SIGNIFICANT_DIGITS)));
        Arbitrary<String> digits = digitCount.flatMap(n -> Arbitraries.strings().numeric().ofLength(n))
                .filter(s -> s.charAt(0) != '0');
        Arbitrary<Integer> exponent = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(-3, 3)),
                Tuple.of(1, Arbitraries.of(Numbers.MIN_EXPONENT, Numbers.MAX_EXPONENT)),
                Tuple.of(2, Arbitraries.integers().between(Numbers.MIN_EXPONENT, Numbers.MAX_EXPONENT)));
        Arbitrary<BigDecimal> nonZero = Combinators.combine(digits, exponent, Arbitraries.of(1, -1))
                .as((d, e, sign) -> new BigDecimal(new BigInteger(d), d.length() - 1 - e)
                        .multiply(BigDecimal.valueOf(sign)));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(BigDecimal.ZERO)), Tuple.of(12, nonZero));
    }

    /** Numbers from a small set, so that equal values are frequent. */
    public static Arbitrary<BigDecimal> clashingNumbers() {
        return Arbitraries.of("-10", "-1", "-0.5", "0", "0.05", "1", "1.5", "10", "15").map(BigDecimal::new);
    }

    public static Arbitrary<AttributeValue> keyValuesOf(KeySchema.ScalarType type) {
        return switch (type) {
            case S -> strings().map(AttributeValue.S::new);
            case N -> numbers().map(AttributeValue.N::new);
            case B -> binaries().map(AttributeValue.B::new);
        };
    }

    public static Arbitrary<AttributeValue> clashingKeyValuesOf(KeySchema.ScalarType type) {
        return switch (type) {
            case S -> clashingStrings().map(AttributeValue.S::new);
            case N -> clashingNumbers().map(AttributeValue.N::new);
            case B -> clashingBinaries().map(AttributeValue.B::new);
        };
    }

    /** Any attribute value: all ten types, M and L nested up to four levels. */
    public static Arbitrary<AttributeValue> attributeValues() {
        return Arbitraries.recursive(Generators::scalars, Generators::containersOf, 0, 4);
    }

    public static Arbitrary<Item> items() {
        return attributeMaps(attributeValues()).map(m -> new Item(m.value()));
    }

    private static Arbitrary<AttributeValue> scalars() {
        return Arbitraries.oneOf(
                strings().map(AttributeValue.S::new),
                numbers().map(AttributeValue.N::new),
                binaries().map(AttributeValue.B::new),
                Arbitraries.of(true, false).map(AttributeValue.Bool::new),
                Arbitraries.just(AttributeValue.Null.INSTANCE),
                strings().list().uniqueElements().ofMinSize(1).ofMaxSize(5).map(AttributeValue.SS::new),
                numbers().list().uniqueElements(Numbers::normalize).ofMinSize(1).ofMaxSize(5).map(AttributeValue.NS::new),
                binaries().list().uniqueElements().ofMinSize(1).ofMaxSize(5).map(AttributeValue.BS::new));
    }

    private static Arbitrary<AttributeValue> containersOf(Arbitrary<AttributeValue> element) {
        return Arbitraries.oneOf(element, element.list().ofMaxSize(4).map(AttributeValue.L::new),
                attributeMaps(element).map(m -> m));
    }

    private static Arbitrary<AttributeValue.M> attributeMaps(Arbitrary<AttributeValue> value) {
        var entry = Combinators.combine(strings(), value).as(Tuple::of);
        return entry.list().ofMaxSize(5).uniqueElements(Tuple.Tuple2::get1).map(entries -> {
            var map = new LinkedHashMap<String, AttributeValue>();
            entries.forEach(e -> map.put(e.get1(), e.get2()));
            return new AttributeValue.M(map);
        });
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        return codePoints.stream().map(Character::toString).collect(Collectors.joining());
    }

    private static Bytes toBytes(List<Byte> list) {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
        }
        return Bytes.wrap(bytes);
    }
}

package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.KeySchema.ScalarType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OrderedEncodingTest {

    /** DynamoDB's order of key values of one type: the reference the encoding must agree with. */
    static final Comparator<AttributeValue> DYNAMODB_ORDER = (a, b) -> switch (a) {
        case AttributeValue.S s -> Arrays.compareUnsigned(s.value().getBytes(StandardCharsets.UTF_8),
                ((AttributeValue.S) b).value().getBytes(StandardCharsets.UTF_8));
        case AttributeValue.N n -> n.value().compareTo(((AttributeValue.N) b).value());
        case AttributeValue.B bin -> bin.value().compareTo(((AttributeValue.B) b).value());
        default -> throw new IllegalArgumentException(a.typeName());
    };

    static int compareEncoded(AttributeValue a, AttributeValue b) {
        return Integer.signum(Arrays.compareUnsigned(OrderedEncoding.encodeKeyValue(a), OrderedEncoding.encodeKeyValue(b)));
    }

    @Property
    void stringEncodingsSortLikeUtf8Bytes(@ForAll("strings") AttributeValue a, @ForAll("strings") AttributeValue b) {
        assertThat(compareEncoded(a, b)).isEqualTo(Integer.signum(DYNAMODB_ORDER.compare(a, b)));
    }

    @Property
    void numberEncodingsSortNumerically(@ForAll("numbers") AttributeValue a, @ForAll("numbers") AttributeValue b) {
        assertThat(compareEncoded(a, b)).isEqualTo(Integer.signum(DYNAMODB_ORDER.compare(a, b)));
    }

    @Property
    void binaryEncodingsSortLikeUnsignedBytes(@ForAll("binaries") AttributeValue a, @ForAll("binaries") AttributeValue b) {
        assertThat(compareEncoded(a, b)).isEqualTo(Integer.signum(DYNAMODB_ORDER.compare(a, b)));
    }

    @Property
    void concatenatedPartitionAndSortKeysSortByPartitionKeyThenSortKey(@ForAll("twoCompositeKeys") List<AttributeValue> keys) {
        var pk1 = keys.get(0);
        var sk1 = keys.get(1);
        var pk2 = keys.get(2);
        var sk2 = keys.get(3);

        int expected = DYNAMODB_ORDER.compare(pk1, pk2) != 0
                ? Integer.signum(DYNAMODB_ORDER.compare(pk1, pk2))
                : Integer.signum(DYNAMODB_ORDER.compare(sk1, sk2));
        int actual = Integer.signum(Arrays.compareUnsigned(concat(pk1, sk1), concat(pk2, sk2)));

        assertThat(actual).isEqualTo(expected);
    }

    @Property
    void decodingAnEncodingGivesBackTheValueAndItsEnd(@ForAll("anyKeyValue") AttributeValue value,
                                                      @ForAll("anyKeyValue") AttributeValue following) {
        byte[] first = OrderedEncoding.encodeKeyValue(value);
        byte[] buf = concat(value, following);

        var decoded = OrderedEncoding.decodeKeyValue(buf, 0);
        var next = OrderedEncoding.decodeKeyValue(buf, decoded.nextOffset());

        assertThat(decoded).isEqualTo(new OrderedEncoding.Decoded(value, first.length));
        assertThat(next).isEqualTo(new OrderedEncoding.Decoded(following, buf.length));
    }

    @Property
    void noEncodingIsAProperPrefixOfAnother(@ForAll("anyKeyValue") AttributeValue a, @ForAll("anyKeyValue") AttributeValue b) {
        byte[] ea = OrderedEncoding.encodeKeyValue(a);
        byte[] eb = OrderedEncoding.encodeKeyValue(b);
        boolean aIsPrefixOfB = ea.length < eb.length && Arrays.equals(ea, 0, ea.length, eb, 0, ea.length);
        assertThat(aIsPrefixOfB).isFalse();
    }

    @Property
    void beginsWithPrefixMatchesExactlyTheStringsThatStartWithIt(@ForAll("clashingStrings") String prefix,
                                                                @ForAll("clashingStrings") String value) {
        byte[] p = OrderedEncoding.encodeBeginsWithPrefix(new AttributeValue.S(prefix));
        byte[] e = OrderedEncoding.encodeKeyValue(new AttributeValue.S(value));
        boolean encodingStartsWithPrefix = e.length >= p.length && Arrays.equals(e, 0, p.length, p, 0, p.length);
        assertThat(encodingStartsWithPrefix).isEqualTo(value.startsWith(prefix));
    }

    @Example
    void numericallyEqualNumbersEncodeIdentically() {
        byte[] one = OrderedEncoding.encodeKeyValue(AttributeValue.N.of("1"));
        assertThat(OrderedEncoding.encodeKeyValue(AttributeValue.N.of("1.0"))).isEqualTo(one);
        assertThat(OrderedEncoding.encodeKeyValue(AttributeValue.N.of("10E-1"))).isEqualTo(one);
        assertThat(OrderedEncoding.encodeKeyValue(new AttributeValue.N(new BigDecimal("1.000")))).isEqualTo(one);
        assertThat(OrderedEncoding.encodeKeyValue(new AttributeValue.N(new BigDecimal("0E+5"))))
                .isEqualTo(OrderedEncoding.encodeKeyValue(AttributeValue.N.of("-0.000")));
    }

    @Example
    void typesNeverShareAnEncoding() {
        var values = List.<AttributeValue>of(new AttributeValue.S(""), new AttributeValue.B(Bytes.EMPTY),
                AttributeValue.N.of("0"), new AttributeValue.S("1"), AttributeValue.N.of("1"),
                new AttributeValue.B(Bytes.wrap("1".getBytes(StandardCharsets.UTF_8))));
        assertThat(values.stream().map(v -> Bytes.wrap(OrderedEncoding.encodeKeyValue(v))).distinct()).hasSize(values.size());
    }

    @Example
    void theExtremeNumbersSortAtTheEnds() {
        var smallest = AttributeValue.N.of("-9.9999999999999999999999999999999999999E+125");
        var largest = AttributeValue.N.of("9.9999999999999999999999999999999999999E+125");
        var tiny = AttributeValue.N.of("1E-130");
        var minusTiny = AttributeValue.N.of("-1E-130");
        var zero = AttributeValue.N.of("0");
        assertThat(List.of(compareEncoded(smallest, minusTiny), compareEncoded(minusTiny, zero),
                compareEncoded(zero, tiny), compareEncoded(tiny, largest))).containsOnly(-1);
    }

    @Example
    void numbersOutsideDynamoDbsRangeCannotBeKeys() {
        assertThatThrownBy(() -> OrderedEncoding.encodeKeyValue(new AttributeValue.N(new BigDecimal("1E+126"))))
                .isInstanceOf(ValidationError.class).hasMessageContaining("overflow");
    }

    @Example
    void onlyScalarKeyTypesCanBeEncoded() {
        assertThatThrownBy(() -> OrderedEncoding.encodeKeyValue(new AttributeValue.Bool(true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BOOL");
    }

    @Example
    void truncatedOrUnknownBytesFailToDecode() {
        byte[] encoded = OrderedEncoding.encodeKeyValue(new AttributeValue.S("abc"));
        assertThatThrownBy(() -> OrderedEncoding.decodeKeyValue(Arrays.copyOf(encoded, encoded.length - 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> OrderedEncoding.decodeKeyValue(new byte[] {0x7F}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key value tag");
    }

    static byte[] concat(AttributeValue pk, AttributeValue sk) {
        byte[] a = OrderedEncoding.encodeKeyValue(pk);
        byte[] b = OrderedEncoding.encodeKeyValue(sk);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Provide
    Arbitrary<AttributeValue> strings() {
        return Arbitraries.oneOf(Generators.keyValuesOf(ScalarType.S), Generators.clashingKeyValuesOf(ScalarType.S));
    }

    @Provide
    Arbitrary<AttributeValue> numbers() {
        return Arbitraries.oneOf(Generators.keyValuesOf(ScalarType.N), Generators.clashingKeyValuesOf(ScalarType.N));
    }

    @Provide
    Arbitrary<AttributeValue> binaries() {
        return Arbitraries.oneOf(Generators.keyValuesOf(ScalarType.B), Generators.clashingKeyValuesOf(ScalarType.B));
    }

    @Provide
    Arbitrary<AttributeValue> anyKeyValue() {
        return Arbitraries.oneOf(strings(), numbers(), binaries());
    }

    @Provide
    Arbitrary<String> clashingStrings() {
        return Generators.clashingStrings();
    }

    /** (pk1, sk1, pk2, sk2): partition keys of one type, sort keys of one type, equal values frequent. */
    @Provide
    Arbitrary<List<AttributeValue>> twoCompositeKeys() {
        return Combinators.combine(Arbitraries.of(ScalarType.class), Arbitraries.of(ScalarType.class))
                .flatAs((pkType, skType) -> {
                    var pks = Generators.clashingKeyValuesOf(pkType);
                    var sks = Generators.clashingKeyValuesOf(skType);
                    return Combinators.combine(pks, sks, pks, sks).as(List::of);
                });
    }
}

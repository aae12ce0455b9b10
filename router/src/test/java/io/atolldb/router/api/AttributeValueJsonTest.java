package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AttributeValueJsonTest {

    @Property(tries = 300)
    void everyAttributeValueSurvivesAJsonRoundTrip(@ForAll("attributeValues") AttributeValue value) {
        byte[] wire = WireJson.write(AttributeValueJson.write(value));

        assertThat(AttributeValueJson.read(WireJson.parse(wire))).isEqualTo(value);
    }

    @Example
    void eachOfTheTenTypesHasDynamoDbsJsonShape() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("s", new AttributeValue.S("héllo"));
        item.put("n", new AttributeValue.N(new BigDecimal("-12.5")));
        item.put("b", new AttributeValue.B(Bytes.wrap("hi".getBytes(StandardCharsets.UTF_8))));
        item.put("bool", new AttributeValue.Bool(true));
        item.put("null", AttributeValue.Null.INSTANCE);
        item.put("m", new AttributeValue.M(Map.of("k", new AttributeValue.S("v"))));
        item.put("l", new AttributeValue.L(List.of(new AttributeValue.N(BigDecimal.ONE), new AttributeValue.Bool(false))));
        item.put("ss", new AttributeValue.SS(List.of("b", "a")));
        item.put("ns", new AttributeValue.NS(List.of(new BigDecimal("3"), new BigDecimal("0.25"))));
        item.put("bs", new AttributeValue.BS(List.of(Bytes.wrap(new byte[] {1}), Bytes.wrap(new byte[] {(byte) 0xff}))));

        String json = new String(WireJson.write(AttributeValueJson.writeMap(item)), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"s\":{\"S\":\"héllo\"},\"n\":{\"N\":\"-12.5\"},\"b\":{\"B\":\"aGk=\"},"
                + "\"bool\":{\"BOOL\":true},\"null\":{\"NULL\":true},\"m\":{\"M\":{\"k\":{\"S\":\"v\"}}},"
                + "\"l\":{\"L\":[{\"N\":\"1\"},{\"BOOL\":false}]},\"ss\":{\"SS\":[\"b\",\"a\"]},"
                + "\"ns\":{\"NS\":[\"3\",\"0.25\"]},\"bs\":{\"BS\":[\"AQ==\",\"/w==\"]}}");
        assertThat(AttributeValueJson.readMap(WireJson.parse(json.getBytes(StandardCharsets.UTF_8)), "Item"))
                .isEqualTo(item);
    }

    @Example
    void numbersAreRenderedWithoutExponentOrTrailingZeros() {
        assertThat(renderedNumber("1.50")).isEqualTo("1.5");
        assertThat(renderedNumber("1e3")).isEqualTo("1000");
        assertThat(renderedNumber("1.23E-7")).isEqualTo("0.000000123");
        assertThat(renderedNumber("-0.00")).isEqualTo("0");
        assertThat(renderedNumber("12345678901234567890123456789012345678"))
                .isEqualTo("12345678901234567890123456789012345678");
    }

    @Example
    void unknownMembersBesideTheTypeAreIgnored() {
        AttributeValue value = AttributeValueJson.read(WireJson.parse(
                "{\"S\":\"x\",\"Comment\":\"ignored\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(value).isEqualTo(new AttributeValue.S("x"));
    }

    private static String renderedNumber(String text) {
        AttributeValue number = AttributeValueJson.read(
                WireJson.parse(("{\"N\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8)));
        return AttributeValueJson.write(number).get("N").textValue();
    }

    @Provide
    Arbitrary<AttributeValue> attributeValues() {
        return Arbitraries.recursive(this::scalarsAndSets, this::documents, 0, 3);
    }

    private Arbitrary<AttributeValue> scalarsAndSets() {
        return Arbitraries.oneOf(
                strings().map(AttributeValue.S::new),
                numbers().map(AttributeValue.N::new),
                bytes().map(AttributeValue.B::new),
                Arbitraries.of(true, false).map(AttributeValue.Bool::new),
                Arbitraries.just(AttributeValue.Null.INSTANCE),
                strings().set().ofMinSize(1).ofMaxSize(4).map(set -> new AttributeValue.SS(new ArrayList<>(set))),
                numbers().set().ofMinSize(1).ofMaxSize(4).map(set -> new AttributeValue.NS(new ArrayList<>(set))),
                bytes().set().ofMinSize(1).ofMaxSize(4).map(set -> new AttributeValue.BS(new ArrayList<>(set))));
    }

    private Arbitrary<AttributeValue> documents(Arbitrary<AttributeValue> inner) {
        return Arbitraries.oneOf(
                inner,
                Arbitraries.maps(strings().ofMinLength(1), inner).ofMaxSize(3).map(AttributeValue.M::new),
                inner.list().ofMaxSize(3).map(AttributeValue.L::new));
    }

    /** Strings of any characters except lone surrogates (not representable in UTF-8). */
    private static net.jqwik.api.arbitraries.StringArbitrary strings() {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(8);
    }

    /** Numbers as DynamoDB keeps them: canonical plain decimals, so equal numbers are equal values. */
    private static Arbitrary<BigDecimal> numbers() {
        Arbitrary<BigDecimal> ordinary = Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
                .ofScale(6);
        Arbitrary<BigDecimal> extreme = Arbitraries.of(
                new BigDecimal("9.9999999999999999999999999999999999999E+125"), new BigDecimal("1E-130"),
                new BigDecimal("-1E-130"), BigDecimal.ZERO);
        return Arbitraries.oneOf(ordinary, extreme).map(n -> new BigDecimal(n.stripTrailingZeros().toPlainString()));
    }

    private static Arbitrary<Bytes> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(Bytes::wrap);
    }
}

package io.atolldb.model.expr;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import io.atolldb.model.Item;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short constructors for attribute values and items in expression tests. */
final class TestValues {
    private TestValues() {
    }

    static AttributeValue s(String value) {
        return new AttributeValue.S(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.N.of(value);
    }

    static AttributeValue b(int... bytes) {
        return new AttributeValue.B(bytes(bytes));
    }

    static AttributeValue bool(boolean value) {
        return new AttributeValue.Bool(value);
    }

    static AttributeValue nul() {
        return AttributeValue.Null.INSTANCE;
    }

    static AttributeValue l(AttributeValue... elements) {
        return new AttributeValue.L(List.of(elements));
    }

    /** A map from alternating keys and values. */
    static AttributeValue m(Object... keysAndValues) {
        return new AttributeValue.M(map(keysAndValues));
    }

    static AttributeValue ss(String... members) {
        return new AttributeValue.SS(List.of(members));
    }

    static AttributeValue ns(String... members) {
        return new AttributeValue.NS(Arrays.stream(members).map(BigDecimal::new).toList());
    }

    static AttributeValue bs(int... firstBytes) {
        return new AttributeValue.BS(Arrays.stream(firstBytes).mapToObj(TestValues::bytes).toList());
    }

    /** An item from alternating attribute names and values. */
    static Item item(Object... namesAndValues) {
        return new Item(map(namesAndValues));
    }

    /** A placeholder map from alternating keys and values. */
    static Map<String, AttributeValue> values(Object... keysAndValues) {
        return map(keysAndValues);
    }

    private static Map<String, AttributeValue> map(Object... keysAndValues) {
        var map = new LinkedHashMap<String, AttributeValue>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return map;
    }

    private static Bytes bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return Bytes.wrap(bytes);
    }
}

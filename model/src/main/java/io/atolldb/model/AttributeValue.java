package io.atolldb.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB attribute value: exactly one of the ten types S, N, B, BOOL, NULL, M, L, SS, NS, BS.
 * Values are immutable; collections are copied on construction. Sets keep the order in which the
 * client sent their members (DynamoDB promises no order; keeping the client's makes round trips exact).
 */
public sealed interface AttributeValue {

    /** The DynamoDB type descriptor, as on the wire ("S", "N", ... "BS"). */
    String typeName();

    /** A string; may be empty except in a key attribute (see {@link Keys}). */
    record S(String value) implements AttributeValue {
        public S {
            Objects.requireNonNull(value, "value");
        }

        public String typeName() {
            return "S";
        }
    }

    /**
     * A number, held normalized ({@link Numbers#normalize}: trailing zeros stripped, zero as
     * {@link BigDecimal#ZERO}), so that {@code equals} is numeric equality: 1, 1.0 and 10E-1 are one
     * value. The constructor does not check DynamoDB's limits; {@link #of} and {@link Items#validate} do.
     */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = Numbers.normalize(Objects.requireNonNull(value, "value"));
        }

        /** Parses number text as a client sends it; see {@link Numbers#parse}. */
        public static N of(String text) {
            return new N(Numbers.parse(text));
        }

        /** The text DynamoDB returns for this number; see {@link Numbers#canonical}. */
        public String canonical() {
            return Numbers.canonical(value);
        }

        public String typeName() {
            return "N";
        }
    }

    /** A binary; may be empty except in a key attribute (see {@link Keys}). */
    record B(Bytes value) implements AttributeValue {
        public B {
            Objects.requireNonNull(value, "value");
        }

        public String typeName() {
            return "B";
        }
    }

    /** DynamoDB's BOOL type. */
    record Bool(boolean value) implements AttributeValue {
        public String typeName() {
            return "BOOL";
        }
    }

    /** DynamoDB's NULL type; its only value is {@code true}. */
    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        public String typeName() {
            return "NULL";
        }
    }

    /** A map: attribute names to values, in the order the client sent them. */
    record M(Map<String, AttributeValue> value) implements AttributeValue {
        public M {
            value = immutableOrderedCopy(value);
        }

        public String typeName() {
            return "M";
        }
    }

    /** A list of values of any types. */
    record L(List<AttributeValue> value) implements AttributeValue {
        public L {
            value = List.copyOf(value);
        }

        public String typeName() {
            return "L";
        }
    }

    /** A string set; non-empty and duplicate-free once {@link Items#validate validated}. */
    record SS(List<String> value) implements AttributeValue {
        public SS {
            value = List.copyOf(value);
        }

        public String typeName() {
            return "SS";
        }
    }

    /** A number set; members are held normalized as in {@link N}. */
    record NS(List<BigDecimal> value) implements AttributeValue {
        public NS {
            value = value.stream().map(Numbers::normalize).toList();
        }

        public String typeName() {
            return "NS";
        }
    }

    /** A binary set; non-empty and duplicate-free once {@link Items#validate validated}. */
    record BS(List<Bytes> value) implements AttributeValue {
        public BS {
            value = List.copyOf(value);
        }

        public String typeName() {
            return "BS";
        }
    }

    private static Map<String, AttributeValue> immutableOrderedCopy(Map<String, AttributeValue> map) {
        var copy = new java.util.LinkedHashMap<String, AttributeValue>(map.size() * 2);
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), Objects.requireNonNull(v, "value")));
        return java.util.Collections.unmodifiableMap(copy);
    }
}

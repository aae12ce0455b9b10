package io.atolldb.model.expr.eval;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import io.atolldb.model.Numbers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB's comparisons of attribute values, as conditions use them.
 * <ul>
 *   <li>Equality is deep: lists element by element, maps entry by entry (order ignored) and sets as
 *       sets (order ignored). Values of different types are never equal.</li>
 *   <li>Order exists only between two S, two N or two B values: numbers numerically, strings by their
 *       UTF-8 bytes (the same as by code points), binaries by unsigned bytes.</li>
 * </ul>
 */
public final class Values {
    private Values() {
    }

    /** Deep equality with sets compared as sets. */
    public static boolean equal(AttributeValue a, AttributeValue b) {
        return switch (a) {
            case AttributeValue.L(var x) when b instanceof AttributeValue.L(var y) -> listsEqual(x, y);
            case AttributeValue.M(var x) when b instanceof AttributeValue.M(var y) -> mapsEqual(x, y);
            case AttributeValue.SS(var x) when b instanceof AttributeValue.SS(var y) -> sameMembers(x, y);
            case AttributeValue.NS(var x) when b instanceof AttributeValue.NS(var y) -> sameMembers(x, y);
            case AttributeValue.BS(var x) when b instanceof AttributeValue.BS(var y) -> sameMembers(x, y);
            default -> a.equals(b);
        };
    }

    /** The order of two S, two N or two B values; empty for any other pair (they are not comparable). */
    public static Optional<Integer> compare(AttributeValue a, AttributeValue b) {
        return switch (a) {
            case AttributeValue.S(var x) when b instanceof AttributeValue.S(var y) -> Optional.of(compareStrings(x, y));
            case AttributeValue.N(var x) when b instanceof AttributeValue.N(var y) -> Optional.of(x.compareTo(y));
            case AttributeValue.B(var x) when b instanceof AttributeValue.B(var y) -> Optional.of(x.compareTo(y));
            default -> Optional.empty();
        };
    }

    /** True for the types the ordering operators accept: S, N and B. */
    public static boolean isOrderable(AttributeValue value) {
        return value instanceof AttributeValue.S || value instanceof AttributeValue.N || value instanceof AttributeValue.B;
    }

    /**
     * What {@code size()} returns: S its UTF-8 length, B its length, sets their member count, M its
     * entry count, L its element count; empty for N, BOOL and NULL, which have no size.
     */
    public static Optional<BigDecimal> size(AttributeValue value) {
        long size = switch (value) {
            case AttributeValue.S(var s) -> s.getBytes(StandardCharsets.UTF_8).length;
            case AttributeValue.B(var b) -> b.size();
            case AttributeValue.SS(var members) -> members.size();
            case AttributeValue.NS(var members) -> members.size();
            case AttributeValue.BS(var members) -> members.size();
            case AttributeValue.M(var map) -> map.size();
            case AttributeValue.L(var list) -> list.size();
            default -> -1;
        };
        return size < 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(size));
    }

    /** True when {@code value} is a string starting with string {@code prefix}, or a binary starting with binary {@code prefix}. */
    public static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        return switch (value) {
            case AttributeValue.S(var s) when prefix instanceof AttributeValue.S(var p) -> s.startsWith(p);
            case AttributeValue.B(var b) when prefix instanceof AttributeValue.B(var p) -> startsWith(b, p);
            default -> false;
        };
    }

    /**
     * DynamoDB's {@code contains}: a substring of a string, a byte substring of a binary, a member of a set of the element's type,
     * or an element of a list (deep equality).
     */
    public static boolean contains(AttributeValue container, AttributeValue element) {
        return switch (container) {
            case AttributeValue.S(var s) when element instanceof AttributeValue.S(var e) -> s.contains(e);
            case AttributeValue.B(var b) when element instanceof AttributeValue.B(var e) -> indexOf(b, e) >= 0;
            case AttributeValue.SS(var members) when element instanceof AttributeValue.S(var e) -> members.contains(e);
            case AttributeValue.NS(var members) when element instanceof AttributeValue.N(var e) ->
                    members.stream().anyMatch(m -> m.compareTo(e) == 0);
            case AttributeValue.BS(var members) when element instanceof AttributeValue.B(var e) -> members.contains(e);
            case AttributeValue.L(var list) -> list.stream().anyMatch(v -> equal(v, element));
            default -> false;
        };
    }

    /** A number's value with DynamoDB's limits checked: the result of arithmetic in an update. */
    public static AttributeValue.N number(BigDecimal value) {
        return new AttributeValue.N(Numbers.validate(value));
    }

    private static int compareStrings(String x, String y) {
        // Code point order is UTF-8 byte order; String.compareTo (UTF-16 units) is not, above U+FFFF.
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    private static int indexOf(Bytes value, Bytes part) {
        for (int start = 0; start + part.size() <= value.size(); start++) {
            if (regionMatches(value, start, part)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean regionMatches(Bytes value, int start, Bytes part) {
        for (int i = 0; i < part.size(); i++) {
            if (value.byteAt(start + i) != part.byteAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(Bytes value, Bytes prefix) {
        return prefix.size() <= value.size() && regionMatches(value, 0, prefix);
    }

    private static boolean listsEqual(List<AttributeValue> x, List<AttributeValue> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!equal(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapsEqual(Map<String, AttributeValue> x, Map<String, AttributeValue> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (var entry : x.entrySet()) {
            var other = y.get(entry.getKey());
            if (other == null || !equal(entry.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameMembers(List<?> x, List<?> y) {
        return x.size() == y.size() && new HashSet<>(x).equals(new HashSet<>(y));
    }
}

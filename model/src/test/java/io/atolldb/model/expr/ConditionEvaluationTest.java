package io.atolldb.model.expr;

import static io.atolldb.model.expr.TestValues.b;
import static io.atolldb.model.expr.TestValues.bool;
import static io.atolldb.model.expr.TestValues.bs;
import static io.atolldb.model.expr.TestValues.item;
import static io.atolldb.model.expr.TestValues.l;
import static io.atolldb.model.expr.TestValues.m;
import static io.atolldb.model.expr.TestValues.n;
import static io.atolldb.model.expr.TestValues.ns;
import static io.atolldb.model.expr.TestValues.nul;
import static io.atolldb.model.expr.TestValues.s;
import static io.atolldb.model.expr.TestValues.ss;
import static io.atolldb.model.expr.TestValues.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.expr.ast.ExpressionKind;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Condition evaluation, each test checking a rule of the DynamoDB Developer Guide, "Condition and
 * filter expressions, operators, and functions" (the comparison operator and function reference).
 */
class ConditionEvaluationTest {
    private static final Item ITEM = item(
            "s", s("hello"), "n", n("10"), "b", b(0x01, 0xFF), "t", bool(true), "z", nul(),
            "ss", ss("x", "y"), "ns", ns("1", "2"), "bs", bs(1, 2),
            "l", l(s("a"), n("1"), m("k", s("v"))), "m", m("k", s("v"), "deep", m("list", l(n("7")))),
            "u", s("\uD801\uDC00"), "e", s(""));

    private static boolean holds(String expression, Object... values) {
        return holdsOn(Optional.of(ITEM), expression, values);
    }

    private static boolean holdsOn(Optional<Item> item, String expression, Object... values) {
        Map<String, AttributeValue> placeholders = values(values);
        var condition = Expressions.condition(expression, Map.of(), placeholders, ExpressionKind.CONDITION);
        return Expressions.matches(condition, item);
    }

    @Test
    void equalityHoldsOnlyForTheSameTypeAndValue() {
        assertThat(holds("n = :v", ":v", n("10.0"))).isTrue();
        assertThat(holds("n = :v", ":v", s("10"))).isFalse();
        assertThat(holds("b = :v", ":v", b(0x01, 0xFF))).isTrue();
        assertThat(holds("t = :v", ":v", bool(true))).isTrue();
        assertThat(holds("z = :v", ":v", nul())).isTrue();
        assertThat(holds("l = :v", ":v", l(s("a"), n("1"), m("k", s("v"))))).isTrue();
        assertThat(holds("l = :v", ":v", l(n("1"), s("a"), m("k", s("v"))))).isFalse();
    }

    @Test
    void setsAndMapsCompareRegardlessOfOrder() {
        assertThat(holds("ss = :v", ":v", ss("y", "x"))).isTrue();
        assertThat(holds("ns = :v", ":v", ns("2.0", "1"))).isTrue();
        assertThat(holds("ss = :v", ":v", ss("x"))).isFalse();
        assertThat(holds("m = :v", ":v", m("deep", m("list", l(n("7"))), "k", s("v")))).isTrue();
    }

    @Test
    void anAbsentAttributeIsNeverEqualAndAlwaysUnequal() {
        assertThat(holds("absent = :v", ":v", s("x"))).isFalse();
        assertThat(holds("absent <> :v", ":v", s("x"))).isTrue();
        assertThat(holds("absent = gone")).isFalse();
        assertThat(holds("absent <> gone")).isTrue();
    }

    @Test
    void orderingComparesNumbersNumericallyAndOtherTypesNever() {
        assertThat(holds("n > :v", ":v", n("9"))).isTrue();
        assertThat(holds("n < :v", ":v", n("9.5"))).isFalse();
        assertThat(holds("n >= :v", ":v", n("1E1"))).isTrue();
        assertThat(holds("n < :v", ":v", s("z"))).isFalse();
        assertThat(holds("n > :v", ":v", s("z"))).isFalse();
        assertThat(holds("t > :v", ":v", n("0"))).isFalse();
        assertThat(holds("ss > n")).isFalse();
        assertThat(holds("absent < :v", ":v", n("0"))).isFalse();
    }

    @Test
    void stringsOrderByUtf8BytesAndBinariesByUnsignedBytes() {
        // U+10400 (4 UTF-8 bytes, a surrogate pair in UTF-16) sorts after U+FFFD in UTF-8 byte order.
        assertThat(holds("u > :v", ":v", s("\uFFFD"))).isTrue();
        assertThat(holds("s < :v", ":v", s("hellp"))).isTrue();
        assertThat(holds("e < :v", ":v", s("a"))).isTrue();
        assertThat(holds("b > :v", ":v", b(0x01, 0x7F))).isTrue();
        assertThat(holds("b < :v", ":v", b(0x02))).isTrue();
    }

    @Test
    void betweenIsInclusiveAndTypeStrict() {
        assertThat(holds("n BETWEEN :a AND :b", ":a", n("10"), ":b", n("10"))).isTrue();
        assertThat(holds("n BETWEEN :a AND :b", ":a", n("1"), ":b", n("9"))).isFalse();
        assertThat(holds("s BETWEEN :a AND :b", ":a", s("a"), ":b", s("z"))).isTrue();
        assertThat(holds("n BETWEEN :a AND :b", ":a", s("a"), ":b", s("z"))).isFalse();
    }

    @Test
    void inHoldsWhenAnyCandidateIsEqual() {
        assertThat(holds("n IN (:a, :b)", ":a", s("10"), ":b", n("10"))).isTrue();
        assertThat(holds("n IN (:a, absent)", ":a", n("11"))).isFalse();
        assertThat(holds("absent IN (:a)", ":a", n("11"))).isFalse();
    }

    @Test
    void documentPathsFollowMapKeysAndListIndexes() {
        var names = Map.of("#l", "list");
        var condition = Expressions.condition("m.deep.#l[0] = :v AND l[2].k = :w AND attribute_not_exists(l[3]) "
                + "AND attribute_not_exists(s.x) AND attribute_not_exists(m[0])", names,
                values(":v", n("7"), ":w", s("v")), ExpressionKind.CONDITION);
        assertThat(Expressions.matches(condition, Optional.of(ITEM))).isTrue();
    }

    @Test
    void aMissingItemHasNoAttributes() {
        assertThat(holdsOn(Optional.empty(), "attribute_not_exists(id)")).isTrue();
        assertThat(holdsOn(Optional.empty(), "attribute_exists(id)")).isFalse();
        assertThat(holdsOn(Optional.empty(), "id <> :v", ":v", s("x"))).isTrue();
    }

    @Test
    void sizeMeasuresStringsBinariesSetsMapsAndLists() {
        assertThat(holds("size(s) = :v", ":v", n("5"))).isTrue();
        assertThat(holds("size(u) = :v", ":v", n("4"))).isTrue(); // UTF-8 bytes
        assertThat(holds("size(b) = :v", ":v", n("2"))).isTrue();
        assertThat(holds("size(ss) = :v AND size(ns) = :v AND size(bs) = :v", ":v", n("2"))).isTrue();
        assertThat(holds("size(l) = :v", ":v", n("3"))).isTrue();
        assertThat(holds("size(m) = :v", ":v", n("2"))).isTrue();
    }

    @Test
    void sizeOfANumberBooleanOrNullHasNoValue() {
        assertThat(holds("size(n) > :v", ":v", n("0"))).isFalse();
        assertThat(holds("size(t) = :v", ":v", n("1"))).isFalse();
        assertThat(holds("size(n) <> :v", ":v", n("0"))).isTrue();
    }

    @Test
    void containsFindsSubstringsSetMembersAndListElements() {
        assertThat(holds("contains(s, :v)", ":v", s("ell"))).isTrue();
        assertThat(holds("contains(ss, :v)", ":v", s("y"))).isTrue();
        assertThat(holds("contains(ns, :v)", ":v", n("2.00"))).isTrue();
        assertThat(holds("contains(bs, :v)", ":v", b(2))).isTrue();
        assertThat(holds("contains(l, :v)", ":v", m("k", s("v")))).isTrue();
        assertThat(holds("contains(ss, :v)", ":v", ss("y"))).isFalse();
        assertThat(holds("contains(n, :v)", ":v", n("1"))).isFalse();
    }

    @Test
    void beginsWithWorksOnStringsAndBinariesOnly() {
        assertThat(holds("begins_with(s, :v)", ":v", s("he"))).isTrue();
        assertThat(holds("begins_with(s, :v)", ":v", s(""))).isTrue();
        assertThat(holds("begins_with(b, :v)", ":v", b(0x01))).isTrue();
        assertThat(holds("begins_with(b, :v)", ":v", s("a"))).isFalse();
        assertThat(holds("begins_with(ss, :v)", ":v", s("x"))).isFalse();
    }

    @Test
    void attributeTypeRecognisesAllTenTypes() {
        String[][] cases = {{"s", "S"}, {"n", "N"}, {"b", "B"}, {"t", "BOOL"}, {"z", "NULL"}, {"ss", "SS"},
                {"ns", "NS"}, {"bs", "BS"}, {"l", "L"}, {"m", "M"}};
        for (var c : cases) {
            assertThat(holds("attribute_type(" + c[0] + ", :t)", ":t", s(c[1]))).as(c[0]).isTrue();
            assertThat(holds("attribute_type(" + c[0] + ", :t)", ":t", s(c[1].equals("S") ? "N" : "S"))).as(c[0]).isFalse();
        }
        assertThat(holds("attribute_type(absent, :t)", ":t", s("S"))).isFalse();
    }

    @Test
    void notAndOrCombineWithTheirPrecedence() {
        assertThat(holds("NOT n = :v", ":v", n("1"))).isTrue();
        assertThat(holds("n = :v OR s = :w AND t = :x", ":v", n("10"), ":w", s("no"), ":x", bool(false))).isTrue();
        assertThat(holds("(n = :v OR s = :w) AND t = :x", ":v", n("10"), ":w", s("no"), ":x", bool(false))).isFalse();
    }
}

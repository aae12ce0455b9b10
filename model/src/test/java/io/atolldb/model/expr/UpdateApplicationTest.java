package io.atolldb.model.expr;

import static io.atolldb.model.expr.TestValues.item;
import static io.atolldb.model.expr.TestValues.l;
import static io.atolldb.model.expr.TestValues.m;
import static io.atolldb.model.expr.TestValues.n;
import static io.atolldb.model.expr.TestValues.ns;
import static io.atolldb.model.expr.TestValues.s;
import static io.atolldb.model.expr.TestValues.ss;
import static io.atolldb.model.expr.TestValues.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.Item;
import io.atolldb.model.KeySchema;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.update.UpdateResult;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Applying update expressions, each test checking a rule of the DynamoDB Developer Guide, "Update expressions". */
class UpdateApplicationTest {
    private static final KeySchema SCHEMA = new KeySchema(new KeySchema.KeyAttribute("id", KeySchema.ScalarType.S),
            Optional.empty());
    private static final PrimaryKey KEY = PrimaryKey.of(s("k"));
    private static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    /** Applies the expression, passing only the placeholders it mentions (unused ones are an error). */
    private static UpdateResult apply(Optional<Item> existing, String expression, Object... placeholders) {
        var used = values(placeholders);
        used.keySet().removeIf(key -> !expression.matches(".*" + key + "\\b.*"));
        var update = Expressions.update(expression, Map.of(), used);
        return Expressions.apply(update, existing, KEY, SCHEMA);
    }

    private static Item applied(Item existing, String expression, Object... placeholders) {
        return apply(Optional.of(existing), expression, placeholders).item();
    }

    @Test
    void setOnAMissingItemCreatesItFromTheKey() {
        assertThat(apply(Optional.empty(), "SET a = :v", ":v", n("1")).item()).isEqualTo(item("id", s("k"), "a", n("1")));
    }

    @Test
    void setReadsEveryOperandFromTheItemBeforeTheUpdate() {
        // "Setting a value": operands are read before anything is written, so this swaps.
        assertThat(applied(item("id", s("k"), "a", n("1"), "b", n("2")), "SET a = b, b = a"))
                .isEqualTo(item("id", s("k"), "a", n("2"), "b", n("1")));
    }

    @Test
    void readingAnAbsentAttributeFails() {
        assertThatThrownBy(() -> applied(item("id", s("k")), "SET a = b"))
                .isInstanceOf(ValidationError.class)
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
        assertThatThrownBy(() -> applied(item("id", s("k")), "SET x = :v, y = x", ":v", n("1")))
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void plusAndMinusWorkOnNumbersOnly() {
        // "Incrementing and decrementing numeric attributes".
        assertThat(applied(item("id", s("k"), "c", n("5")), "SET c = c + :one, d = :ten - c", ":one", n("1"),
                ":ten", n("10"))).isEqualTo(item("id", s("k"), "c", n("6"), "d", n("5")));
        assertThatThrownBy(() -> applied(item("id", s("k"), "c", s("5")), "SET c = c + :one", ":one", n("1")))
                .hasMessage(WRONG_TYPE);
    }

    @Test
    void arithmeticResultsMustBeValidNumbers() {
        assertThatThrownBy(() -> applied(item("id", s("k"), "c", n("9E125")), "SET c = c + c"))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void listAppendJoinsTwoLists() {
        // "Appending elements to a list".
        assertThat(applied(item("id", s("k"), "l", l(n("1"))), "SET l = list_append(l, :more), f = list_append(:more, l)",
                ":more", l(n("2")))).isEqualTo(item("id", s("k"), "l", l(n("1"), n("2")), "f", l(n("2"), n("1"))));
        assertThatThrownBy(() -> applied(item("id", s("k"), "l", s("x")), "SET l = list_append(l, :more)",
                ":more", l(n("2")))).hasMessage(WRONG_TYPE);
    }

    @Test
    void ifNotExistsKeepsAPresentValue() {
        // "Preventing overwrites of an existing attribute".
        assertThat(applied(item("id", s("k"), "a", n("1")), "SET a = if_not_exists(a, :v), b = if_not_exists(b, :v)",
                ":v", n("9"))).isEqualTo(item("id", s("k"), "a", n("1"), "b", n("9")));
    }

    @Test
    void nestedWritesNeedTheirParentToExist() {
        // "Adding nested map attributes": the parent map must already exist.
        var stored = item("id", s("k"), "m", m("x", n("1")), "l", l(s("a")), "s", s("str"));
        assertThat(applied(stored, "SET m.y = :v", ":v", n("2")).get("m")).isEqualTo(m("x", n("1"), "y", n("2")));
        for (var expression : new String[] {"SET absent.y = :v", "SET s.y = :v", "SET l.y = :v", "SET m[0] = :v",
                "SET absent[0] = :v", "REMOVE absent.y", "REMOVE s[0]", "ADD absent.y :v"}) {
            assertThatThrownBy(() -> applied(stored, expression, ":v", n("2"))).as(expression).hasMessage(INVALID_PATH);
        }
    }

    @Test
    void setPastTheEndOfAListAppendsInIndexOrder() {
        // "Adding elements to a list": elements added in one SET are sorted by element number.
        var stored = item("id", s("k"), "a", l(s("one"), s("two"), s("three")));
        assertThat(applied(stored, "SET a[84] = :a1, a[37] = :a2, a[17] = :a3, a[1] = :a4", ":a1", s("a1"), ":a2", s("a2"),
                ":a3", s("a3"), ":a4", s("a4")).get("a"))
                .isEqualTo(l(s("one"), s("a4"), s("three"), s("a3"), s("a2"), s("a1")));
    }

    @Test
    void listIndexesMeanPositionsBeforeTheUpdate() {
        // "Removing elements from a list": later elements shift down once the update is done.
        var stored = item("id", s("k"), "a", l(n("2"), n("3"), n("4"), n("5"), n("6"), n("7")));
        assertThat(applied(stored, "REMOVE a[1] SET a[3] = :v", ":v", n("17")).get("a"))
                .isEqualTo(l(n("2"), n("4"), n("17"), n("6"), n("7")));
        assertThat(applied(stored, "REMOVE a[1], a[2], a[9]").get("a")).isEqualTo(l(n("2"), n("5"), n("6"), n("7")));
    }

    @Test
    void removingWhatIsNotThereDoesNothing() {
        var stored = item("id", s("k"), "m", m("x", n("3")), "l", l(s("hi")));
        assertThat(applied(stored, "REMOVE m.y, l[7], c")).isEqualTo(stored);
        assertThat(applied(item("id", s("k"), "m", m("x", n("1"))), "REMOVE m.x").get("m")).isEqualTo(m());
    }

    @Test
    void removeOfANestedPathOnAMissingItemIsAnInvalidPath() {
        // The parent must exist, also when the item does not: an absent item has no attributes.
        assertThatThrownBy(() -> apply(Optional.empty(), "REMOVE x.y")).hasMessage(INVALID_PATH);
        assertThatThrownBy(() -> apply(Optional.empty(), "REMOVE z[0]")).hasMessage(INVALID_PATH);
        assertThat(apply(Optional.empty(), "REMOVE z").item()).isEqualTo(item("id", s("k")));
    }

    @Test
    void addSumsNumbersStartingFromZero() {
        // "Adding numbers and sets" (ADD).
        assertThat(applied(item("id", s("k"), "c", n("3")), "ADD c :v, d :v", ":v", n("4")))
                .isEqualTo(item("id", s("k"), "c", n("7"), "d", n("4")));
        assertThatThrownBy(() -> applied(item("id", s("k"), "c", s("3")), "ADD c :v", ":v", n("4")))
                .hasMessage(WRONG_TYPE);
    }

    @Test
    void addUnitesSetsOfTheSameType() {
        assertThat(applied(item("id", s("k"), "t", ss("a", "b")), "ADD t :v, u :v", ":v", ss("b", "c")))
                .isEqualTo(item("id", s("k"), "t", ss("a", "b", "c"), "u", ss("b", "c")));
        assertThatThrownBy(() -> applied(item("id", s("k"), "t", ns("1")), "ADD t :v", ":v", ss("b")))
                .hasMessage(WRONG_TYPE);
    }

    @Test
    void deleteSubtractsFromASetAndAnEmptiedSetDisappears() {
        // "Deleting elements from a set" (DELETE).
        var stored = item("id", s("k"), "t", ss("a", "b", "c"));
        assertThat(applied(stored, "DELETE t :v", ":v", ss("b", "z"))).isEqualTo(item("id", s("k"), "t", ss("a", "c")));
        assertThat(applied(stored, "DELETE t :v", ":v", ss("a", "b", "c"))).isEqualTo(item("id", s("k")));
        assertThat(applied(stored, "DELETE absent :v", ":v", ss("a"))).isEqualTo(stored);
        assertThatThrownBy(() -> applied(stored, "DELETE t :v", ":v", ns("1"))).hasMessage(WRONG_TYPE);
    }

    @Test
    void keyAttributesCannotBeUpdated() {
        for (var expression : new String[] {"SET id = :v", "REMOVE id", "ADD id :n", "DELETE id :ss"}) {
            assertThatThrownBy(() -> apply(Optional.empty(), expression, ":v", s("x"), ":n", n("1"), ":ss", ss("a"))
                    ).as(expression).hasMessage("One or more parameter values were invalid: Cannot update attribute id. "
                    + "This attribute is part of the key");
        }
    }

    @Test
    void theResultMayNotExceed400Kilobytes() {
        assertThatThrownBy(() -> applied(item("id", s("k"), "a", s("x".repeat(300 * 1024))), "SET b = a"))
                .hasMessage("Item size to update has exceeded the maximum allowed size");
    }

    @Test
    void theResultReportsWhatTheUpdateTouched() {
        var old = item("id", s("k"), "a", n("1"), "m", m("x", n("1"), "y", n("2")), "r", s("gone"));
        var result = apply(Optional.of(old), "SET a = :v, m.x = :v REMOVE r", ":v", n("5"));
        assertThat(result.updatedAttributes()).containsExactly("a", "m", "r");
        assertThat(result.updatedPaths()).containsExactly(Path.of("a"), Path.of("m").child("x"), Path.of("r"));
        assertThat(result.updatedOld(Optional.of(old)))
                .isEqualTo(Map.of("a", n("1"), "m", m("x", n("1")), "r", s("gone")));
        assertThat(result.updatedNew()).isEqualTo(Map.of("a", n("5"), "m", m("x", n("5"))));
    }
}

package io.atolldb.model.expr;

import static io.atolldb.model.expr.TestValues.b;
import static io.atolldb.model.expr.TestValues.n;
import static io.atolldb.model.expr.TestValues.s;
import static io.atolldb.model.expr.TestValues.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.KeySchema;
import io.atolldb.model.expr.key.KeyCondition;
import io.atolldb.model.expr.key.SortKeyCondition;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Key conditions, checking the Developer Guide, "Key condition expressions for the Query operation". */
class KeyConditionTest {
    private static final KeySchema NUMBERED = new KeySchema(new KeySchema.KeyAttribute("pk", KeySchema.ScalarType.S),
            Optional.of(new KeySchema.KeyAttribute("sk", KeySchema.ScalarType.N)));
    private static final KeySchema BINARY = new KeySchema(new KeySchema.KeyAttribute("pk", KeySchema.ScalarType.S),
            Optional.of(new KeySchema.KeyAttribute("sk", KeySchema.ScalarType.B)));
    private static final KeySchema HASH_ONLY = new KeySchema(new KeySchema.KeyAttribute("pk", KeySchema.ScalarType.S),
            Optional.empty());

    private static KeyCondition key(String expression, KeySchema schema, Object... placeholders) {
        return Expressions.keyCondition(expression, Map.of(), values(placeholders), schema);
    }

    @Test
    void theSortKeyConditionBecomesARangeWithInclusiveOrExclusiveBounds() {
        var condition = key("pk = :p AND sk BETWEEN :a AND :b", NUMBERED, ":p", s("x"), ":a", n("2"), ":b", n("5"));
        assertThat(condition.partitionKey()).isEqualTo(s("x"));
        assertThat(condition.sortKey()).contains(SortKeyCondition.Range.between("sk", n("2"), n("5")));
        var below = key("pk = :p AND sk < :a", NUMBERED, ":p", s("x"), ":a", n("2")).sortKey().orElseThrow();
        assertThat(below).isEqualTo(new SortKeyCondition.Range("sk", Optional.empty(), false, Optional.of(n("2")), false));
    }

    @Test
    void matchingFollowsTheBoundsAndThePartitionKey() {
        var condition = key("pk = :p AND sk > :a", NUMBERED, ":p", s("x"), ":a", n("2"));
        assertThat(condition.matches(Map.of("pk", s("x"), "sk", n("3")))).isTrue();
        assertThat(condition.matches(Map.of("pk", s("x"), "sk", n("2")))).isFalse();
        assertThat(condition.matches(Map.of("pk", s("y"), "sk", n("3")))).isFalse();
        assertThat(condition.matches(Map.of("pk", s("x")))).isFalse();
    }

    @Test
    void beginsWithGivesAPrefixOnBinarySortKeys() {
        var condition = key("pk = :p AND begins_with(sk, :prefix)", BINARY, ":p", s("x"), ":prefix", b(0xFF));
        assertThat(condition.sortKey()).contains(new SortKeyCondition.BeginsWith("sk", b(0xFF)));
        assertThat(condition.matches(Map.of("pk", s("x"), "sk", b(0xFF, 0x00)))).isTrue();
        assertThat(condition.matches(Map.of("pk", s("x"), "sk", b(0xFE)))).isFalse();
    }

    @Test
    void aTableWithoutASortKeyTakesOnlyThePartitionKey() {
        assertThat(key("pk = :p", HASH_ONLY, ":p", s("x")).sortKey()).isEmpty();
        assertThatThrownBy(() -> key("pk = :p AND sk = :s", HASH_ONLY, ":p", s("x"), ":s", n("1")))
                .hasMessage("Query key condition not supported");
    }

    @Test
    void anEmptyPartitionKeyValueIsRejected() {
        assertThatThrownBy(() -> key("pk = :p", HASH_ONLY, ":p", s("")))
                .hasMessage("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                        + "contain an empty string value. Key: pk");
    }
}

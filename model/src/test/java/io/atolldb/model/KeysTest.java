package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.KeySchema.KeyAttribute;
import io.atolldb.model.KeySchema.ScalarType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeysTest {
    private static final KeySchema HASH_ONLY = new KeySchema(new KeyAttribute("a", ScalarType.S), Optional.empty());
    private static final KeySchema HASH_AND_RANGE =
            new KeySchema(new KeyAttribute("a", ScalarType.S), Optional.of(new KeyAttribute("b", ScalarType.N)));
    private static final KeySchema BINARY_RANGE =
            new KeySchema(new KeyAttribute("a", ScalarType.S), Optional.of(new KeyAttribute("b", ScalarType.B)));

    private static final AttributeValue A = new AttributeValue.S("x");
    private static final AttributeValue ONE = AttributeValue.N.of("1");

    @Test
    void extractKeyReturnsThePartitionAndSortKey() {
        assertThat(Keys.extractKey(HASH_AND_RANGE, Map.of("a", A, "b", ONE))).isEqualTo(new PrimaryKey(A, ONE));
        assertThat(Keys.extractKey(HASH_ONLY, Map.of("a", A))).isEqualTo(PrimaryKey.of(A));
    }

    @Test
    void extractKeyRejectsKeysThatDoNotMatchTheSchema() {
        var mismatches = List.<Map<String, AttributeValue>>of(
                Map.of(),
                Map.of("b", A),
                Map.of("a", A, "b", A),
                Map.of("a", new AttributeValue.B(Bytes.wrap(new byte[] {1}))),
                Map.of("a", ONE),
                Map.of("a", new AttributeValue.Bool(true)),
                Map.of("a", AttributeValue.Null.INSTANCE),
                Map.of("a", new AttributeValue.SS(List.of("x"))),
                Map.of("a", new AttributeValue.M(Map.of())),
                Map.of("a", new AttributeValue.L(List.of())));
        for (var key : mismatches) {
            assertThatThrownBy(() -> Keys.extractKey(HASH_ONLY, key)).as("%s", key)
                    .isInstanceOf(ValidationError.class).hasMessage("The provided key element does not match the schema");
        }
        assertThatThrownBy(() -> Keys.extractKey(HASH_AND_RANGE, Map.of("a", A)))
                .hasMessage("The provided key element does not match the schema");
        assertThatThrownBy(() -> Keys.extractKey(HASH_AND_RANGE, Map.of("a", A, "b", A)))
                .hasMessage("The provided key element does not match the schema");
    }

    @Test
    void keyValuesMayNotBeEmptyStringsOrBinaries() {
        assertThatThrownBy(() -> Keys.extractKey(HASH_ONLY, Map.of("a", new AttributeValue.S(""))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values are not valid. The AttributeValue for a key attribute "
                        + "cannot contain an empty string value. Key: a");
        assertThatThrownBy(() -> Keys.keyOfItem(BINARY_RANGE, new Item(Map.of("a", A, "b", new AttributeValue.B(Bytes.EMPTY)))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values are not valid. The AttributeValue for a key attribute "
                        + "cannot contain an empty binary value. Key: b");
    }

    @Test
    void aPartitionKeyMayHave2048BytesAndNoMore() {
        assertThat(Keys.extractKey(HASH_ONLY, Map.of("a", new AttributeValue.S("é".repeat(1024)))).partitionKey())
                .isEqualTo(new AttributeValue.S("é".repeat(1024)));
        assertThatThrownBy(() -> Keys.extractKey(HASH_ONLY, Map.of("a", new AttributeValue.S("a".repeat(2048) + "é"))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
    }

    @Test
    void aSortKeyMayHave1024BytesAndNoMore() {
        var atLimit = new AttributeValue.B(Bytes.wrap(new byte[1024]));
        var overLimit = new AttributeValue.B(Bytes.wrap(new byte[1025]));
        assertThat(Keys.extractKey(BINARY_RANGE, Map.of("a", A, "b", atLimit)).sortKey()).isEqualTo(atLimit);
        assertThatThrownBy(() -> Keys.extractKey(BINARY_RANGE, Map.of("a", A, "b", overLimit)))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    }

    @Test
    void keyNumbersMustBeWithinDynamoDbsRange() {
        var tooBig = new AttributeValue.N(new java.math.BigDecimal("1E+126"));
        assertThatThrownBy(() -> Keys.extractKey(HASH_AND_RANGE, Map.of("a", A, "b", tooBig)))
                .isInstanceOf(ValidationError.class).hasMessageStartingWith("Number overflow");
    }

    @Test
    void keyOfItemTakesTheKeyAttributesOfAnItem() {
        var attributes = new LinkedHashMap<String, AttributeValue>();
        attributes.put("other", new AttributeValue.Bool(true));
        attributes.put("b", ONE);
        attributes.put("a", A);

        assertThat(Keys.keyOfItem(HASH_AND_RANGE, new Item(attributes))).isEqualTo(new PrimaryKey(A, ONE));
    }

    @Test
    void keyOfItemNamesAMissingKeyAttribute() {
        assertThatThrownBy(() -> Keys.keyOfItem(HASH_AND_RANGE, new Item(Map.of("a", A))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Missing the key b in the item");
        assertThatThrownBy(() -> Keys.keyOfItem(HASH_AND_RANGE, new Item(Map.of("b", ONE))))
                .hasMessage("One or more parameter values were invalid: Missing the key a in the item");
    }

    @Test
    void keyOfItemNamesTheExpectedAndActualTypes() {
        assertThatThrownBy(() -> Keys.keyOfItem(HASH_AND_RANGE, new Item(Map.of("a", ONE, "b", ONE))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Type mismatch for key a expected: S actual: N");
        assertThatThrownBy(() -> Keys.keyOfItem(HASH_AND_RANGE, new Item(Map.of("a", A, "b", new AttributeValue.Bool(true)))))
                .hasMessage("One or more parameter values were invalid: Type mismatch for key b expected: N actual: BOOL");
    }

    @Test
    void aPrimaryKeyListsThePartitionKeyFirst() {
        assertThat(new PrimaryKey(A, ONE).toMap(HASH_AND_RANGE).keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> new PrimaryKey(new AttributeValue.Bool(true), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

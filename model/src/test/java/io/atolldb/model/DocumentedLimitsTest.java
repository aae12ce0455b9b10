package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.expr.ExpressionResolver;
import io.atolldb.model.expr.Expressions;
import io.atolldb.model.expr.ast.ExpressionKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The limits of the Developer Guide's "Service, account, and table quotas" that the model enforces, each at
 * its boundary: the largest value allowed passes, one byte more is a ValidationError (docs/compatibility.md,
 * "Limits").
 */
class DocumentedLimitsTest {
    private static final AttributeValue V = new AttributeValue.S("v");

    @Test
    void anAttributeNameMayBe64KbAndNotOneByteMore() {
        assertThatCode(() -> Items.validate(new Item(Map.of("a".repeat(65_535), V)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Items.validate(new Item(Map.of("a".repeat(65_536), V))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Attribute name is too large, must be less than 65536 bytes");
    }

    @Test
    void anAttributeNameIsMeasuredInUtf8Bytes() {
        // 21,846 characters of two bytes each: short in characters, 43,692 bytes; 32,768 of them are 65,536 bytes.
        assertThatCode(() -> Items.validate(new Item(Map.of("é".repeat(32_767), V)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Items.validate(new Item(Map.of("é".repeat(32_768), V)))).isInstanceOf(ValidationError.class);
    }

    @Test
    void aNestedMapsNamesHaveTheSameLimit() {
        var nested = new AttributeValue.M(Map.of("n".repeat(65_536), V));
        assertThatThrownBy(() -> Items.validate(new Item(Map.of("m", nested)))).isInstanceOf(ValidationError.class);
    }

    @Test
    void anExpressionAttributeNameMayNameA64KbAttribute() {
        assertThatCode(() -> Expressions.projection("#a", Map.of("#a", "a".repeat(65_535)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Expressions.projection("#a", Map.of("#a", "a".repeat(65_536))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("ExpressionAttributeNames contains invalid value: Attribute name is too large, must be less "
                        + "than 65536 bytes for key #a");
    }

    @Test
    void theSubstitutionVariablesOfARequestMayTotal2Mb() {
        // Each value is a string of 300,000 bytes: 6 of them (with their keys) fit in 2 MB (2,097,152 bytes), 7 do not.
        Map<String, AttributeValue> six = values(6);
        assertThatCode(() -> ExpressionResolver.of(Optional.empty(), Optional.of(six))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ExpressionResolver.of(Optional.empty(), Optional.of(values(7))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("ExpressionAttributeValues exceeds max size");
        // Five names of 64 KB bring the six values past 2 MB.
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            names.put("#n" + i, "n".repeat(65_535));
        }
        assertThatThrownBy(() -> ExpressionResolver.of(Optional.of(names), Optional.of(six)))
                .isInstanceOf(ValidationError.class)
                .hasMessageStartingWith("ExpressionAttributeNames and ExpressionAttributeValues together exceed");
    }

    @Test
    void anIndexKeyHasTheTableKeysSizeLimits() {
        var index = new SecondaryIndex(1, "ByG", true, new KeySchema(new KeySchema.KeyAttribute("g", KeySchema.ScalarType.S),
                Optional.of(new KeySchema.KeyAttribute("r", KeySchema.ScalarType.B))), SecondaryIndex.ProjectionType.ALL, List.of());
        assertThatCode(() -> index.checkKeyAttributes(new Item(Map.of("g", new AttributeValue.S("g".repeat(2048)),
                "r", new AttributeValue.B(Bytes.wrap(new byte[1024])))))).doesNotThrowAnyException();
        assertThatThrownBy(() -> index.checkKeyAttributes(new Item(Map.of("g", new AttributeValue.S("g".repeat(2049))))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Size limit exceeded");
        assertThatThrownBy(() -> index.checkKeyAttributes(new Item(Map.of("r", new AttributeValue.B(Bytes.wrap(new byte[1025]))))))
                .isInstanceOf(ValidationError.class);
    }

    @Test
    void aConditionMayHold4KbOfTextAndNotMore() {
        String filler = " ".repeat(4096 - "a = :v".length());
        assertThatCode(() -> Expressions.condition("a = :v" + filler, Map.of(), Map.of(":v", V), ExpressionKind.CONDITION))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Expressions.condition("a = :v " + filler, Map.of(), Map.of(":v", V), ExpressionKind.CONDITION))
                .isInstanceOf(ValidationError.class)
                .hasMessage("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097");
    }

    @Test
    void aNumberHoldsAtMost38SignificantDigits() {
        assertThatCode(() -> Items.validateValue(new AttributeValue.N(new BigDecimal("1".repeat(38))))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Items.validateValue(new AttributeValue.N(new BigDecimal("1".repeat(39)))))
                .isInstanceOf(ValidationError.class);
    }

    private static Map<String, AttributeValue> values(int count) {
        Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            values.put(":v" + i, new AttributeValue.S("x".repeat(300_000)));
        }
        return values;
    }
}

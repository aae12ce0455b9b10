package io.atolldb.model.expr.legacy;

import io.atolldb.model.AttributeValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the legacy Expected parameter, as the request sent it: either the old form
 * ({@code Value} and/or {@code Exists}) or the newer one ({@code ComparisonOperator} with
 * {@code AttributeValueList}, or with {@code Value} as a one-element list). An empty
 * {@code valueList} means the request had none.
 */
public record ExpectedCondition(String attribute, Optional<AttributeValue> value, Optional<Boolean> exists,
                                Optional<ComparisonOperator> comparisonOperator, List<AttributeValue> valueList) {
    public ExpectedCondition {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(exists, "exists");
        Objects.requireNonNull(comparisonOperator, "comparisonOperator");
        valueList = List.copyOf(valueList);
    }

    /** {@code {"Value": value}}: the attribute must equal the value. */
    public static ExpectedCondition equalTo(String attribute, AttributeValue value) {
        return new ExpectedCondition(attribute, Optional.of(value), Optional.empty(), Optional.empty(), List.of());
    }

    /** {@code {"Exists": false}}: the attribute must be absent. */
    public static ExpectedCondition absent(String attribute) {
        return new ExpectedCondition(attribute, Optional.empty(), Optional.of(false), Optional.empty(), List.of());
    }

    /** {@code {"ComparisonOperator": op, "AttributeValueList": values}}. */
    public static ExpectedCondition compare(String attribute, ComparisonOperator operator, List<AttributeValue> values) {
        return new ExpectedCondition(attribute, Optional.empty(), Optional.empty(), Optional.of(operator), values);
    }
}

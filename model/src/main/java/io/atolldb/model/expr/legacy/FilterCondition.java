package io.atolldb.model.expr.legacy;

import io.atolldb.model.AttributeValue;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a legacy KeyConditions, QueryFilter or ScanFilter parameter (DynamoDB's "Condition"
 * type): an attribute, a ComparisonOperator and its AttributeValueList (empty when absent).
 */
public record FilterCondition(String attribute, ComparisonOperator operator, List<AttributeValue> valueList) {
    public FilterCondition {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(operator, "operator");
        valueList = List.copyOf(valueList);
    }
}

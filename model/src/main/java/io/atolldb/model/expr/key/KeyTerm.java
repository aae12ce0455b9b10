package io.atolldb.model.expr.key;

import io.atolldb.model.AttributeValue;
import java.util.List;
import java.util.Objects;

/**
 * One key attribute's condition as both forms of a key condition reduce to it: the
 * KeyConditionExpression after its structure is checked, and the legacy KeyConditions parameter
 * after its arity is checked. {@code values} holds one value, or two for BETWEEN.
 */
public record KeyTerm(String attribute, Operator operator, List<AttributeValue> values) {
    public KeyTerm {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
    }

    /** The operators a key condition may use, and {@link #NOT_INDEXABLE} for the legacy ones it may not. */
    public enum Operator { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH, NOT_INDEXABLE }
}

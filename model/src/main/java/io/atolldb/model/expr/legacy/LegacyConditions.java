package io.atolldb.model.expr.legacy;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Items;
import io.atolldb.model.KeySchema;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Comparator;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.Operand;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The legacy condition parameters as resolved {@link Condition}s: Expected (PutItem, UpdateItem,
 * DeleteItem) and QueryFilter / ScanFilter, each combined with ConditionalOperator, with DynamoDB's
 * validation of the operator, the number and types of values, and the old Value / Exists form.
 *
 * <p>Semantics follow the legacy operators: NE and NULL hold for an absent attribute; EQ, the
 * ordering operators, CONTAINS, NOT_CONTAINS, BEGINS_WITH, IN and BETWEEN need it present.
 */
public final class LegacyConditions {
    static final String INVALID = "One or more parameter values were invalid: ";

    private LegacyConditions() {
    }

    /** The Expected parameter; empty when there is nothing to check. */
    public static Optional<Condition> expected(List<ExpectedCondition> expected, Optional<ConditionalOperator> operator) {
        checkConditionalOperator(expected.size(), operator);
        var conditions = new ArrayList<Condition>();
        for (var entry : expected) {
            conditions.add(expectedCondition(entry));
        }
        return combined(conditions, operator);
    }

    /** A ScanFilter; empty when there is nothing to filter on. */
    public static Optional<Condition> scanFilter(List<FilterCondition> filter, Optional<ConditionalOperator> operator) {
        checkConditionalOperator(filter.size(), operator);
        return combined(filter.stream().map(LegacyConditions::filterCondition).toList(), operator);
    }

    /** A QueryFilter: like a ScanFilter, but it may not test the key attributes. */
    public static Optional<Condition> queryFilter(List<FilterCondition> filter, Optional<ConditionalOperator> operator,
                                                  KeySchema schema) {
        for (var entry : filter) {
            boolean isKey = entry.attribute().equals(schema.partitionKey().name())
                    || schema.sortKey().map(sk -> sk.name().equals(entry.attribute())).orElse(false);
            if (isKey) {
                throw new ValidationError("QueryFilter can only contain non-primary key attributes: "
                        + "Primary key attribute: " + entry.attribute());
            }
        }
        return scanFilter(filter, operator);
    }

    /** The checks every legacy AttributeValueList gets: count, one type, types the operator accepts, BETWEEN order. */
    static void checkValueList(ComparisonOperator operator, List<AttributeValue> values) {
        values.forEach(Items::validateValue);
        if (!operator.takes(values.size())) {
            throw new ValidationError(INVALID + "Invalid number of argument(s) for the " + operator + " ComparisonOperator");
        }
        if (values.stream().map(AttributeValue::typeName).distinct().count() > 1) {
            throw new ValidationError(INVALID + "AttributeValues inside AttributeValueList must be of same type");
        }
        for (var value : values) {
            if (!operator.accepts(value.typeName())) {
                throw new ValidationError(INVALID + "ComparisonOperator " + operator + " is not valid for "
                        + value.typeName() + " AttributeValue type");
            }
        }
        if (operator == ComparisonOperator.BETWEEN && Values.compare(values.get(0), values.get(1)).orElse(0) > 0) {
            throw new ValidationError("The BETWEEN condition was provided a range where the lower bound is greater than "
                    + "the upper bound");
        }
    }

    /** The condition one operator states about one top-level attribute. */
    static Condition condition(String attribute, ComparisonOperator operator, List<AttributeValue> values) {
        var path = Path.of(attribute);
        var subject = new Operand.Attribute(path);
        List<Operand> operands = values.stream().map(v -> (Operand) new Operand.Value(v)).toList();
        return switch (operator) {
            case EQ -> new Condition.Compare(Comparator.EQ, subject, operands.getFirst());
            case NE -> new Condition.Compare(Comparator.NE, subject, operands.getFirst());
            case LE -> new Condition.Compare(Comparator.LE, subject, operands.getFirst());
            case LT -> new Condition.Compare(Comparator.LT, subject, operands.getFirst());
            case GE -> new Condition.Compare(Comparator.GE, subject, operands.getFirst());
            case GT -> new Condition.Compare(Comparator.GT, subject, operands.getFirst());
            case NOT_NULL -> new Condition.AttributeExists(path);
            case NULL -> new Condition.AttributeNotExists(path);
            case CONTAINS -> new Condition.Contains(subject, operands.getFirst());
            case NOT_CONTAINS -> new Condition.And(new Condition.AttributeExists(path),
                    new Condition.Not(new Condition.Contains(subject, operands.getFirst())));
            case BEGINS_WITH -> new Condition.BeginsWith(subject, operands.getFirst());
            case IN -> new Condition.In(subject, operands);
            case BETWEEN -> new Condition.Between(subject, operands.get(0), operands.get(1));
        };
    }

    private static Condition expectedCondition(ExpectedCondition entry) {
        String attribute = entry.attribute();
        if (entry.value().isPresent() && !entry.valueList().isEmpty()) {
            throw new ValidationError(INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + attribute);
        }
        if (entry.comparisonOperator().isPresent()) {
            var operator = entry.comparisonOperator().get();
            if (entry.exists().isPresent()) {
                throw new ValidationError(INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: "
                        + attribute);
            }
            List<AttributeValue> values = entry.value().map(List::of).orElse(entry.valueList());
            if (values.isEmpty() && operator != ComparisonOperator.NULL && operator != ComparisonOperator.NOT_NULL) {
                throw new ValidationError(INVALID + "Value or AttributeValueList must be used with ComparisonOperator: "
                        + operator + " for Attribute: " + attribute);
            }
            checkValueList(operator, values);
            return condition(attribute, operator, values);
        }
        if (!entry.valueList().isEmpty()) {
            throw new ValidationError(INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: "
                    + attribute);
        }
        boolean exists = entry.exists().orElse(true);
        if (exists && entry.value().isEmpty()) {
            throw new ValidationError(INVALID + "Value must be provided when Exists is "
                    + entry.exists().map(String::valueOf).orElse("null") + " for Attribute: " + attribute);
        }
        if (!exists && entry.value().isPresent()) {
            throw new ValidationError(INVALID + "Value cannot be used when Exists is false for Attribute: " + attribute);
        }
        if (!exists) {
            return new Condition.AttributeNotExists(Path.of(attribute));
        }
        Items.validateValue(entry.value().get());
        return condition(attribute, ComparisonOperator.EQ, List.of(entry.value().get()));
    }

    private static Condition filterCondition(FilterCondition entry) {
        checkValueList(entry.operator(), entry.valueList());
        return condition(entry.attribute(), entry.operator(), entry.valueList());
    }

    private static void checkConditionalOperator(int conditions, Optional<ConditionalOperator> operator) {
        if (operator.isPresent() && conditions == 0) {
            throw new ValidationError("ConditionalOperator cannot be used without Filter or Expected");
        }
        if (operator.isPresent() && conditions == 1) {
            throw new ValidationError("ConditionalOperator can only be used when Filter or Expected has two or more elements");
        }
    }

    private static Optional<Condition> combined(List<Condition> conditions, Optional<ConditionalOperator> operator) {
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(operator.orElse(ConditionalOperator.AND) == ConditionalOperator.AND
                ? Condition.allOf(conditions) : Condition.anyOf(conditions));
    }
}

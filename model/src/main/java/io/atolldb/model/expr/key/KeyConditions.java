package io.atolldb.model.expr.key;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.KeySchema;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Comparator;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Operand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link KeyCondition} from a resolved KeyConditionExpression or from legacy KeyConditions,
 * with DynamoDB's checks. The expression is checked for shape first (only AND of simple comparisons,
 * BETWEEN and begins_with, each on one top-level attribute, one per attribute), then both forms go
 * through the same schema checks: at most two conditions, an equality on the partition key, the
 * other on the sort key, values of the schema's types.
 */
public final class KeyConditions {
    private static final ExpressionKind KIND = ExpressionKind.KEY_CONDITION;

    private KeyConditions() {
    }

    /** The key condition a resolved KeyConditionExpression states. */
    public static KeyCondition fromExpression(Condition condition, KeySchema schema) {
        var terms = new LinkedHashMap<String, KeyTerm>();
        collect(condition, terms);
        return fromTerms(List.copyOf(terms.values()), schema);
    }

    /** The key condition of per-attribute terms (legacy KeyConditions, or a checked expression). */
    public static KeyCondition fromTerms(List<KeyTerm> terms, KeySchema schema) {
        if (terms.isEmpty() || terms.size() > 2) {
            throw new ValidationError("Conditions can be of length 1 or 2 only");
        }
        String pkName = schema.partitionKey().name();
        KeyTerm pk = terms.stream().filter(t -> t.attribute().equals(pkName)).findFirst()
                .orElseThrow(() -> new ValidationError("Query condition missed key schema element: " + pkName));
        if (terms.stream().anyMatch(t -> t.operator() == KeyTerm.Operator.NOT_INDEXABLE)) {
            throw new ValidationError("Attempted conditional constraint is not an indexable operation");
        }
        if (pk.operator() != KeyTerm.Operator.EQ || (terms.size() == 2 && schema.sortKey().isEmpty())) {
            throw new ValidationError("Query key condition not supported");
        }
        requireSchemaType(pk, schema.partitionKey().type());
        if (pk.values().getFirst() instanceof AttributeValue.S(String s) && s.isEmpty()) {
            throw new ValidationError("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty string value. Key: " + pkName);
        }
        Optional<SortKeyCondition> sortCondition = Optional.empty();
        if (terms.size() == 2) {
            var sortKey = schema.sortKey().orElseThrow();
            KeyTerm sk = terms.stream().filter(t -> t != pk).findFirst().orElseThrow();
            if (!sk.attribute().equals(sortKey.name())) {
                throw new ValidationError("Query condition missed key schema element: " + sortKey.name());
            }
            requireSchemaType(sk, sortKey.type());
            sortCondition = Optional.of(sortCondition(sk));
        }
        return new KeyCondition(pkName, pk.values().getFirst(), sortCondition);
    }

    private static SortKeyCondition sortCondition(KeyTerm term) {
        var values = term.values();
        String name = term.attribute();
        return switch (term.operator()) {
            case EQ -> SortKeyCondition.Range.exactly(name, values.getFirst());
            case LT -> SortKeyCondition.Range.below(name, values.getFirst(), false);
            case LE -> SortKeyCondition.Range.below(name, values.getFirst(), true);
            case GT -> SortKeyCondition.Range.above(name, values.getFirst(), false);
            case GE -> SortKeyCondition.Range.above(name, values.getFirst(), true);
            case BETWEEN -> SortKeyCondition.Range.between(name, values.getFirst(), values.get(1));
            case BEGINS_WITH -> new SortKeyCondition.BeginsWith(name, values.getFirst());
            case NOT_INDEXABLE -> throw new IllegalStateException("checked above");
        };
    }

    private static void requireSchemaType(KeyTerm term, KeySchema.ScalarType type) {
        for (var value : term.values()) {
            if (!value.typeName().equals(type.name())) {
                throw new ValidationError("One or more parameter values were invalid: Condition parameter type does not "
                        + "match schema type");
            }
        }
    }

    /**
     * Walks the conditions joined by AND from left to right, turning each into a term; any other
     * operator is one key conditions do not allow.
     */
    private static void collect(Condition condition, Map<String, KeyTerm> terms) {
        switch (condition) {
            case Condition.And(var left, var right) -> {
                collect(left, terms);
                collect(right, terms);
            }
            case Condition.Or ignored -> throw invalidOperator("OR");
            case Condition.Not ignored -> throw invalidOperator("NOT");
            case Condition.In ignored -> throw invalidOperator("IN");
            case Condition.Compare(var comparator, var l, var r) when comparator == Comparator.NE -> throw invalidOperator("<>");
            case Condition.AttributeExists ignored -> throw invalidOperator("attribute_exists");
            case Condition.AttributeNotExists ignored -> throw invalidOperator("attribute_not_exists");
            case Condition.AttributeType ignored -> throw invalidOperator("attribute_type");
            case Condition.Contains ignored -> throw invalidOperator("contains");
            default -> {
                var term = term(condition);
                if (terms.putIfAbsent(term.attribute(), term) != null) {
                    throw KIND.error("KeyConditionExpressions must only contain one condition per key");
                }
            }
        }
    }

    /** One comparison, BETWEEN or begins_with as a term on its one key attribute. */
    private static KeyTerm term(Condition condition) {
        List<Operand> operands;
        KeyTerm.Operator operator;
        switch (condition) {
            case Condition.Compare(var comparator, var left, var right) -> {
                operands = List.of(left, right);
                var effective = left instanceof Operand.Attribute ? comparator : comparator.mirrored();
                operator = KeyTerm.Operator.valueOf(effective.name());
            }
            case Condition.Between(var value, var lower, var upper) -> {
                requireKeyFirst(value, "BETWEEN");
                operands = List.of(value, lower, upper);
                operator = KeyTerm.Operator.BETWEEN;
            }
            case Condition.BeginsWith(var value, var prefix) -> {
                requireKeyFirst(value, "begins_with");
                operands = List.of(value, prefix);
                operator = KeyTerm.Operator.BEGINS_WITH;
            }
            default -> throw new IllegalStateException("not a simple key condition: " + condition);
        }
        String attribute = null;
        var values = new ArrayList<AttributeValue>();
        for (var operand : operands) {
            switch (operand) {
                case Operand.Attribute(var path) -> {
                    if (attribute != null) {
                        throw KIND.error("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                    }
                    if (!path.isTopLevel()) {
                        throw KIND.error("KeyConditionExpressions cannot have conditions on nested attributes");
                    }
                    attribute = path.attribute();
                }
                case Operand.Size ignored -> throw KIND.error("KeyConditionExpressions cannot contain nested operations");
                case Operand.Value(var value) -> values.add(value);
            }
        }
        if (attribute == null) {
            throw KIND.error("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        return new KeyTerm(attribute, operator, values);
    }

    private static void requireKeyFirst(Operand first, String operator) {
        if (!(first instanceof Operand.Attribute)) {
            throw KIND.error("Invalid condition in KeyConditionExpression: " + operator
                    + " operator must have the key attribute as its first operand");
        }
    }

    private static ValidationError invalidOperator(String operator) {
        return KIND.error("Invalid operator used in KeyConditionExpression: " + operator);
    }
}

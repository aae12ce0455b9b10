package io.atolldb.model.expr.ast;

import java.util.List;
import java.util.Objects;

/**
 * A resolved condition: the tree of a ConditionExpression, FilterExpression or KeyConditionExpression
 * (and of the legacy Expected, QueryFilter and ScanFilter parameters). Placeholders are already
 * replaced; every node has passed DynamoDB's validation, so evaluating it never fails.
 */
public sealed interface Condition {

    /** {@code left comparator right}. */
    record Compare(Comparator comparator, Operand left, Operand right) implements Condition {
        public Compare {
            Objects.requireNonNull(comparator, "comparator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** {@code value BETWEEN lower AND upper}, both bounds inclusive. */
    record Between(Operand value, Operand lower, Operand upper) implements Condition {
        public Between {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
        }
    }

    /** {@code value IN (candidates...)}: at least one candidate. */
    record In(Operand value, List<Operand> candidates) implements Condition {
        public In {
            Objects.requireNonNull(value, "value");
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("IN needs a candidate");
            }
        }
    }

    /** Both conditions hold. */
    record And(Condition left, Condition right) implements Condition {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** At least one condition holds. */
    record Or(Condition left, Condition right) implements Condition {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** The condition does not hold. */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** {@code attribute_exists(path)}: the item has a value at the path. */
    record AttributeExists(Path path) implements Condition {
        public AttributeExists {
            Objects.requireNonNull(path, "path");
        }
    }

    /** {@code attribute_not_exists(path)}: the item has no value at the path. */
    record AttributeNotExists(Path path) implements Condition {
        public AttributeNotExists {
            Objects.requireNonNull(path, "path");
        }
    }

    /** {@code attribute_type(path, type)}; {@code type} is a literal S holding one of the ten type names. */
    record AttributeType(Path path, Operand type) implements Condition {
        public AttributeType {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code begins_with(value, prefix)} on strings or binaries. */
    record BeginsWith(Operand value, Operand prefix) implements Condition {
        public BeginsWith {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** {@code contains(container, element)}: a substring, a set member or a list element. */
    record Contains(Operand container, Operand element) implements Condition {
        public Contains {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(element, "element");
        }
    }

    /** {@code left AND right AND ...}, folded to the left; null-free, at least one condition. */
    static Condition allOf(List<Condition> conditions) {
        return conditions.stream().reduce(And::new).orElseThrow();
    }

    /** {@code left OR right OR ...}, folded to the left; at least one condition. */
    static Condition anyOf(List<Condition> conditions) {
        return conditions.stream().reduce(Or::new).orElseThrow();
    }
}

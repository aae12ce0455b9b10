package io.atolldb.model.expr.eval;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.Operand;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Evaluates a resolved {@link Condition} against an item, with DynamoDB's semantics
 * (Developer Guide, "Comparison operator and function reference"):
 * <ul>
 *   <li>A missing item has no attributes; a path into a missing attribute, a missing map key, an
 *       index past a list's end or through a value of the wrong type is simply absent.</li>
 *   <li>{@code =} holds when both sides are present and deeply equal; {@code <>} is its negation, so
 *       it holds when either side is absent. Values of different types are never equal.</li>
 *   <li>{@code < <= > >=} and BETWEEN hold only for present S, N or B values of one type; anything
 *       else is false, never an error.</li>
 * </ul>
 * Evaluation is pure and deterministic, and never fails: everything that could fail was checked when
 * the condition was built.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    public static boolean matches(Condition condition, Optional<Item> item) {
        return matches(condition, item.map(Item::attributes).orElse(Map.of()));
    }

    public static boolean matches(Condition condition, Map<String, AttributeValue> item) {
        return switch (condition) {
            case Condition.And(var left, var right) -> matches(left, item) && matches(right, item);
            case Condition.Or(var left, var right) -> matches(left, item) || matches(right, item);
            case Condition.Not(var inner) -> !matches(inner, item);
            case Condition.Compare(var comparator, var left, var right) -> {
                var a = value(left, item);
                var b = value(right, item);
                yield switch (comparator) {
                    case EQ -> a.isPresent() && b.isPresent() && Values.equal(a.get(), b.get());
                    case NE -> !(a.isPresent() && b.isPresent() && Values.equal(a.get(), b.get()));
                    case LT -> order(a, b).map(c -> c < 0).orElse(false);
                    case LE -> order(a, b).map(c -> c <= 0).orElse(false);
                    case GT -> order(a, b).map(c -> c > 0).orElse(false);
                    case GE -> order(a, b).map(c -> c >= 0).orElse(false);
                };
            }
            case Condition.Between(var operand, var lower, var upper) -> {
                var v = value(operand, item);
                yield order(value(lower, item), v).map(c -> c <= 0).orElse(false)
                        && order(v, value(upper, item)).map(c -> c <= 0).orElse(false);
            }
            case Condition.In(var operand, var candidates) -> {
                var v = value(operand, item);
                yield v.isPresent() && candidates.stream().map(c -> value(c, item))
                        .anyMatch(c -> c.isPresent() && Values.equal(v.get(), c.get()));
            }
            case Condition.AttributeExists(var path) -> path.lookup(item).isPresent();
            case Condition.AttributeNotExists(var path) -> path.lookup(item).isEmpty();
            case Condition.AttributeType(var path, var type) -> {
                var v = path.lookup(item);
                var name = value(type, item);
                yield v.isPresent() && name.isPresent() && name.get() instanceof AttributeValue.S(var typeName)
                        && v.get().typeName().equals(typeName);
            }
            case Condition.BeginsWith(var operand, var prefix) -> both(operand, prefix, item, Values::beginsWith);
            case Condition.Contains(var container, var element) -> both(container, element, item, Values::contains);
        };
    }

    /** The operand's value in the item: absent when its path is absent or size() has no value. */
    public static Optional<AttributeValue> value(Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Operand.Attribute(var path) -> path.lookup(item);
            case Operand.Value(var literal) -> Optional.of(literal);
            case Operand.Size(var inner) -> value(inner, item).flatMap(Values::size).map(AttributeValue.N::new);
        };
    }

    private static Optional<Integer> order(Optional<AttributeValue> a, Optional<AttributeValue> b) {
        return a.isPresent() && b.isPresent() ? Values.compare(a.get(), b.get()) : Optional.empty();
    }

    private static boolean both(Operand left, Operand right, Map<String, AttributeValue> item,
                                BiPredicate<AttributeValue, AttributeValue> test) {
        var a = value(left, item);
        var b = value(right, item);
        return a.isPresent() && b.isPresent() && test.test(a.get(), b.get());
    }
}

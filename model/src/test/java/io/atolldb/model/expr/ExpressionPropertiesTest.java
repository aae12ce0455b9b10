package io.atolldb.model.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Generators;
import io.atolldb.model.Item;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.KeySchema;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.expr.ast.Comparator;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.ExpressionRenderer;
import io.atolldb.model.expr.ast.Operand;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.UpdateAction;
import io.atolldb.model.expr.ast.UpdateExpression;
import io.atolldb.model.expr.ast.UpdateValue;
import io.atolldb.model.expr.eval.Values;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties tying the parser, resolver, renderer, evaluator and updater together. */
class ExpressionPropertiesTest {
    private static final KeySchema SCHEMA = new KeySchema(new KeySchema.KeyAttribute("id", KeySchema.ScalarType.S),
            Optional.empty());
    private static final List<String> TYPE_NAMES = List.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

    @Property(tries = 150)
    void aRenderedConditionParsesBackToTheSameTree(@ForAll("conditions") Condition condition) {
        var rendered = ExpressionRenderer.render(condition);
        var parsed = Expressions.condition(rendered.expression(), rendered.names(), rendered.values(),
                ExpressionKind.CONDITION);
        assertThat(parsed).isEqualTo(condition);
    }

    @Property(tries = 150)
    void aRenderedUpdateParsesBackToTheSameTree(@ForAll("updates") UpdateExpression update) {
        var rendered = ExpressionRenderer.render(update);
        assertThat(Expressions.update(rendered.expression(), rendered.names(), rendered.values())).isEqualTo(update);
    }

    @Property(tries = 100)
    void settingThenRemovingAFreshAttributeRestoresTheItem(@ForAll("items") Item item,
                                                          @ForAll("values") AttributeValue value) {
        var key = PrimaryKey.of(item.get("id"));
        var set = Expressions.update("SET #fresh = :v", Map.of("#fresh", "fresh attribute"), Map.of(":v", value));
        var remove = Expressions.update("REMOVE #fresh", Map.of("#fresh", "fresh attribute"), Map.of());
        var afterSet = Expressions.apply(set, Optional.of(item), key, SCHEMA).item();
        assertThat(afterSet.get("fresh attribute")).isEqualTo(value);
        assertThat(Expressions.apply(remove, Optional.of(afterSet), key, SCHEMA).item()).isEqualTo(item);
    }

    @Property(tries = 150)
    void conditionOrderAgreesWithStorageKeyOrder(@ForAll("sortKeyPairs") List<AttributeValue> pair) {
        AttributeValue a = pair.get(0);
        AttributeValue b = pair.get(1);
        var pk = new AttributeValue.S("p");
        int storage = Arrays.compareUnsigned(KeyCodec.itemKey(1, 0, pk, a), KeyCodec.itemKey(1, 0, pk, b));
        assertThat(Integer.signum(Values.compare(a, b).orElseThrow())).isEqualTo(Integer.signum(storage));
    }

    @Provide
    Arbitrary<List<AttributeValue>> sortKeyPairs() {
        return Arbitraries.of(KeySchema.ScalarType.values())
                .flatMap(type -> Generators.clashingKeyValuesOf(type).list().ofSize(2));
    }

    @Provide
    Arbitrary<Item> items() {
        return Generators.items().map(item -> {
            var attributes = new LinkedHashMap<>(item.attributes());
            attributes.remove("fresh attribute");
            attributes.put("id", new AttributeValue.S("key"));
            return new Item(attributes);
        });
    }

    @Provide
    Arbitrary<AttributeValue> values() {
        return Generators.attributeValues();
    }

    @Provide
    Arbitrary<Condition> conditions() {
        return Arbitraries.recursive(ExpressionPropertiesTest::simpleCondition, inner -> Arbitraries.oneOf(inner,
                Combinators.combine(inner, inner).as(Condition.And::new),
                Combinators.combine(inner, inner).as(Condition.Or::new),
                inner.map(Condition.Not::new)), 0, 3);
    }

    @Provide
    Arbitrary<UpdateExpression> updates() {
        // One action per top-level attribute (so paths never overlap), grouped by clause as rendering groups them.
        return Arbitraries.integers().between(1, 5).flatMap(count -> Combinators.combine(
                        names().list().ofSize(count).uniqueElements(),
                        Arbitraries.integers().between(0, 3).list().ofSize(count))
                .flatAs((roots, kinds) -> {
                    var sortedKinds = kinds.stream().sorted().toList();
                    var actions = new java.util.ArrayList<Arbitrary<UpdateAction>>();
                    for (int i = 0; i < count; i++) {
                        actions.add(action(roots.get(i), sortedKinds.get(i)));
                    }
                    return Combinators.combine(actions).as(UpdateExpression::new);
                }));
    }

    private static Arbitrary<UpdateAction> action(String root, int kind) {
        var target = pathsUnder(root);
        return switch (kind) {
            case 0 -> Combinators.combine(target, updateValues()).as(UpdateAction.Set::new);
            case 1 -> target.map(UpdateAction.Remove::new);
            case 2 -> Combinators.combine(target, Arbitraries.oneOf(numbers(), sets())).as(UpdateAction.Add::new);
            default -> Combinators.combine(target, sets()).as(UpdateAction.Delete::new);
        };
    }

    private static Arbitrary<UpdateValue> updateValues() {
        Arbitrary<UpdateValue> literal = Generators.attributeValues().map(UpdateValue.Value::new);
        Arbitrary<UpdateValue> attribute = paths().map(UpdateValue.Attribute::new);
        Arbitrary<UpdateValue> number = Arbitraries.oneOf(numbers().map(UpdateValue.Value::new), attribute);
        Arbitrary<UpdateValue> list = Arbitraries.oneOf(Generators.attributeValues().list().ofMaxSize(2)
                .map(l -> new UpdateValue.Value(new AttributeValue.L(l))), attribute);
        return Arbitraries.oneOf(literal, attribute,
                Combinators.combine(paths(), literal).as(UpdateValue.IfNotExists::new),
                Combinators.combine(list, list).as(UpdateValue.ListAppend::new),
                Combinators.combine(number, number).as(UpdateValue.Plus::new),
                Combinators.combine(number, number).as(UpdateValue.Minus::new));
    }

    private static Arbitrary<Condition> simpleCondition() {
        var path = paths();
        var value = Generators.attributeValues().map(v -> (Operand) new Operand.Value(v));
        var orderable = Arbitraries.oneOf(Generators.strings().map(AttributeValue.S::new), numbers())
                .map(v -> (Operand) new Operand.Value(v));
        var attribute = path.map(p -> (Operand) new Operand.Attribute(p));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Comparator.values()), attribute, orderable).as(Condition.Compare::new),
                Combinators.combine(Arbitraries.of(Comparator.EQ, Comparator.NE), attribute, value).as(Condition.Compare::new),
                Combinators.combine(Arbitraries.of(Comparator.values()), attribute.map(Operand.Size::new),
                        numbers().map(Operand.Value::new)).as(Condition.Compare::new),
                Combinators.combine(attribute, numbers(), numbers()).as((a, x, y) -> between(a, x, y)),
                Combinators.combine(attribute, value.list().ofMinSize(1).ofMaxSize(3)).as(Condition.In::new),
                path.map(Condition.AttributeExists::new),
                path.map(Condition.AttributeNotExists::new),
                Combinators.combine(path, Arbitraries.of(TYPE_NAMES)).as((p, t) ->
                        new Condition.AttributeType(p, new Operand.Value(new AttributeValue.S(t)))),
                Combinators.combine(attribute, Generators.strings()).as((a, s) ->
                        new Condition.BeginsWith(a, new Operand.Value(new AttributeValue.S(s)))),
                Combinators.combine(attribute, value).as(Condition.Contains::new));
    }

    private static Condition between(Operand value, AttributeValue.N x, AttributeValue.N y) {
        boolean ordered = x.value().compareTo(y.value()) <= 0;
        return new Condition.Between(value, new Operand.Value(ordered ? x : y), new Operand.Value(ordered ? y : x));
    }

    private static Arbitrary<AttributeValue.N> numbers() {
        return Generators.numbers().map(AttributeValue.N::new);
    }

    private static Arbitrary<AttributeValue> sets() {
        return Arbitraries.oneOf(
                Generators.strings().list().uniqueElements().ofMinSize(1).ofMaxSize(3).map(AttributeValue.SS::new),
                Generators.numbers().list().uniqueElements(BigDecimal::stripTrailingZeros).ofMinSize(1).ofMaxSize(3)
                        .map(AttributeValue.NS::new));
    }

    /** Attribute names: anything but empty (placeholders make every other name usable). */
    private static Arbitrary<String> names() {
        return Generators.strings().filter(s -> !s.isEmpty());
    }

    private static Arbitrary<Path> paths() {
        return names().flatMap(ExpressionPropertiesTest::pathsUnder);
    }

    private static Arbitrary<Path> pathsUnder(String root) {
        var step = Arbitraries.oneOf(names().map(n -> (Object) n), Arbitraries.integers().between(0, 20).map(i -> (Object) i));
        return step.list().ofMaxSize(2).map(steps -> {
            var path = Path.of(root);
            for (var s : steps) {
                path = s instanceof String name ? path.child(name) : path.index((Integer) s);
            }
            return path;
        });
    }
}

package io.atolldb.model.expr;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.KeySchema;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Projection;
import io.atolldb.model.expr.ast.UpdateExpression;
import io.atolldb.model.expr.eval.ConditionEvaluator;
import io.atolldb.model.expr.key.KeyCondition;
import io.atolldb.model.expr.projection.Projector;
import io.atolldb.model.expr.update.UpdateApplier;
import io.atolldb.model.expr.update.UpdateResult;
import java.util.Map;
import java.util.Optional;

/**
 * The front door to DynamoDB expressions: each method takes what a request carries and returns a
 * checked, resolved value, or throws {@link io.atolldb.model.ValidationError} with DynamoDB's message.
 *
 * <p>The single-expression methods also check that every name and value was used, so they suit
 * requests with one expression. For a request with several (UpdateItem with a ConditionExpression,
 * Query with a FilterExpression), use {@link #resolver} and its {@code requireAllUsed()}.
 *
 * <pre>{@code
 * Condition c = Expressions.condition("attribute_not_exists(#v) OR #v < :v", names, values, ExpressionKind.CONDITION);
 * boolean ok = Expressions.matches(c, storedItem);
 * }</pre>
 */
public final class Expressions {
    private Expressions() {
    }

    /** One request's placeholders, to resolve several expressions and then check for unused ones. */
    public static ExpressionResolver resolver(Map<String, String> names, Map<String, AttributeValue> values) {
        return ExpressionResolver.of(names, values);
    }

    /** A ConditionExpression or FilterExpression (or KeyConditionExpression, unchecked against a schema). */
    public static Condition condition(String expression, Map<String, String> names, Map<String, AttributeValue> values,
                                      ExpressionKind kind) {
        var resolver = resolver(names, values);
        var condition = resolver.condition(expression, kind);
        resolver.requireAllUsed();
        return condition;
    }

    public static UpdateExpression update(String expression, Map<String, String> names,
                                          Map<String, AttributeValue> values) {
        var resolver = resolver(names, values);
        var update = resolver.update(expression);
        resolver.requireAllUsed();
        return update;
    }

    public static Projection projection(String expression, Map<String, String> names) {
        var resolver = resolver(names, Map.of());
        var projection = resolver.projection(expression);
        resolver.requireAllUsed();
        return projection;
    }

    public static KeyCondition keyCondition(String expression, Map<String, String> names,
                                            Map<String, AttributeValue> values, KeySchema schema) {
        var resolver = resolver(names, values);
        var keyCondition = resolver.keyCondition(expression, schema);
        resolver.requireAllUsed();
        return keyCondition;
    }

    /** Whether the item (empty: no item) satisfies the condition. */
    public static boolean matches(Condition condition, Optional<Item> item) {
        return ConditionEvaluator.matches(condition, item);
    }

    /** The item after the update; see {@link UpdateApplier} for the rules. */
    public static UpdateResult apply(UpdateExpression update, Optional<Item> existing, PrimaryKey key, KeySchema schema) {
        return UpdateApplier.apply(update, existing, key, schema);
    }

    /** The item as a read with this projection returns it. */
    public static Item project(Projection projection, Item item) {
        return Projector.project(projection, item);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.Map;

/**
 * The expressions of a read (Query, Scan, GetItem): key condition, filter and projection, as text,
 * with the request's placeholders. Checked at the edge; resolved again where they are used.
 *
 * @param keyCondition "" when none (Scan, GetItem)
 * @param filter       "" when none
 * @param projection   "" when none (all attributes)
 */
public record ReadExpressions(String keyCondition, String filter, String projection, Map<String, String> names,
                              Map<String, AttributeValue> values) {
    public static final ReadExpressions NONE = new ReadExpressions("", "", "", Map.of(), Map.of());

    public ReadExpressions {
        names = Map.copyOf(names);
        values = Map.copyOf(values);
    }

    /** Reads and checks a request's KeyConditionExpression (if {@code withKeyCondition}), FilterExpression and ProjectionExpression. */
    static ReadExpressions parse(JsonFields request, boolean withKeyCondition, boolean withFilter) {
        String keyCondition = withKeyCondition ? request.string("KeyConditionExpression") : null;
        String filter = withFilter ? request.string("FilterExpression") : null;
        String projection = request.string("ProjectionExpression");
        ExpressionParams params = ExpressionParams.read(request, keyCondition != null || filter != null || projection != null);
        if (keyCondition != null) {
            params.resolver.condition(keyCondition, io.atolldb.model.expr.ast.ExpressionKind.KEY_CONDITION);
        }
        if (filter != null) {
            params.resolver.condition(filter, io.atolldb.model.expr.ast.ExpressionKind.FILTER);
        }
        if (projection != null) {
            params.resolver.projection(projection);
        }
        params.requireAllUsed();
        return new ReadExpressions(keyCondition == null ? "" : keyCondition, filter == null ? "" : filter,
                projection == null ? "" : projection, params.names, params.values);
    }
}

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

    /** The legacy AttributesToGet and ScanFilter of a request, rendered as expressions (GetItem, BatchGetItem, Scan). */
    static ReadExpressions legacy(JsonFields request, boolean withFilter) {
        var projection = LegacyJson.attributesToGet(request);
        var filter = withFilter ? LegacyJson.scanFilter(request) : java.util.Optional.<io.atolldb.model.expr.ast.ExpressionRenderer.Rendered>empty();
        Map<String, String> names = new java.util.LinkedHashMap<>();
        Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
        projection.ifPresent(p -> names.putAll(p.names()));
        filter.ifPresent(f -> {
            names.putAll(f.names());
            values.putAll(f.values());
        });
        return new ReadExpressions("", filter.map(f -> f.expression()).orElse(""),
                projection.map(p -> p.expression()).orElse(""), names, values);
    }

    /** True when the request uses legacy read parameters rather than expressions. */
    static boolean usesLegacy(JsonFields request) {
        return request.has("AttributesToGet") || request.has("ScanFilter") || request.has("QueryFilter")
                || request.has("KeyConditions");
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

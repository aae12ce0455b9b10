package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.Map;

/**
 * A write's ConditionExpression with the request's ExpressionAttributeNames and -Values, already
 * checked at the edge; the replicas evaluate it again in apply.
 *
 * @param expression the condition, or "" for none
 */
public record WriteCondition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    public static final WriteCondition NONE = new WriteCondition("", Map.of(), Map.of());

    public WriteCondition {
        names = Map.copyOf(names);
        values = Map.copyOf(values);
    }
}

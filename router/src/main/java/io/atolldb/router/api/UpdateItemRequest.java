package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.Map;
import java.util.Objects;

/**
 * An UpdateItem: apply {@code updateExpression} ("" for none: the item is only created if absent) to
 * the item with this key, if {@code condition} holds. The condition carries the request's
 * placeholders, which the update expression shares. Legacy AttributeUpdates, when sent, replace the
 * update expression; they are converted where the table's key schema is known.
 */
public record UpdateItemRequest(String tableName, Map<String, AttributeValue> key, String updateExpression,
                                WriteCondition condition, ReturnValues returnValues, boolean returnOldOnConditionFailure,
                                java.util.List<io.atolldb.model.expr.legacy.AttributeUpdate> attributeUpdates) {
    public UpdateItemRequest {
        Objects.requireNonNull(tableName, "tableName");
        key = new AttributeValue.M(key).value();
        Objects.requireNonNull(updateExpression, "updateExpression");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(returnValues, "returnValues");
        attributeUpdates = java.util.List.copyOf(attributeUpdates);
    }
}

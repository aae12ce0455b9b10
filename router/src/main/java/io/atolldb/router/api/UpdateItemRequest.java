package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.Map;
import java.util.Objects;

/**
 * An UpdateItem: apply {@code updateExpression} ("" for none: the item is only created if absent) to
 * the item with this key, if {@code condition} holds. The condition carries the request's
 * placeholders, which the update expression shares.
 */
public record UpdateItemRequest(String tableName, Map<String, AttributeValue> key, String updateExpression,
                                WriteCondition condition, ReturnValues returnValues, boolean returnOldOnConditionFailure) {
    public UpdateItemRequest {
        Objects.requireNonNull(tableName, "tableName");
        key = new AttributeValue.M(key).value();
        Objects.requireNonNull(updateExpression, "updateExpression");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(returnValues, "returnValues");
    }
}

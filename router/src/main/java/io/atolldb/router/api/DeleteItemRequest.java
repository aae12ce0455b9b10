package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;
import java.util.Map;
import java.util.Objects;

/** A DeleteItem by full primary key, if {@code condition} holds. ReturnValues is NONE or ALL_OLD. */
public record DeleteItemRequest(String tableName, Map<String, AttributeValue> key, ReturnValues returnValues,
                                WriteCondition condition, boolean returnOldOnConditionFailure) {
    public DeleteItemRequest {
        Objects.requireNonNull(tableName, "tableName");
        key = new AttributeValue.M(key).value();
        Objects.requireNonNull(returnValues, "returnValues");
        Objects.requireNonNull(condition, "condition");
    }

    /** An unconditional delete. */
    public DeleteItemRequest(String tableName, Map<String, AttributeValue> key, ReturnValues returnValues) {
        this(tableName, key, returnValues, WriteCondition.NONE, false);
    }
}

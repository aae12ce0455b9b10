package io.atolldb.router.api;

import io.atolldb.model.Item;
import java.util.Objects;

/**
 * A PutItem: store {@code item} (replacing any item with the same key) if {@code condition} holds.
 * ReturnValues is NONE or ALL_OLD; {@code returnOldOnConditionFailure} is
 * ReturnValuesOnConditionCheckFailure=ALL_OLD.
 */
public record PutItemRequest(String tableName, Item item, ReturnValues returnValues, WriteCondition condition,
                             boolean returnOldOnConditionFailure) {
    public PutItemRequest {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(returnValues, "returnValues");
        Objects.requireNonNull(condition, "condition");
    }

    /** An unconditional put. */
    public PutItemRequest(String tableName, Item item, ReturnValues returnValues) {
        this(tableName, item, returnValues, WriteCondition.NONE, false);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.Item;
import java.util.Objects;

/** A PutItem: store {@code item} (replacing any item with the same key). ReturnValues is NONE or ALL_OLD. */
public record PutItemRequest(String tableName, Item item, ReturnValues returnValues) {
    public PutItemRequest {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(returnValues, "returnValues");
    }
}

package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;
import java.util.Map;
import java.util.Objects;

/** A GetItem by full primary key; {@code consistentRead} asks for a strongly consistent read. */
public record GetItemRequest(String tableName, Map<String, AttributeValue> key, boolean consistentRead) {
    public GetItemRequest {
        Objects.requireNonNull(tableName, "tableName");
        key = new AttributeValue.M(key).value();
    }
}

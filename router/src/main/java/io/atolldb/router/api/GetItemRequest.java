package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;
import java.util.Map;
import java.util.Objects;

/**
 * A GetItem by full primary key; {@code consistentRead} asks for a strongly consistent read, and
 * {@code expressions} may carry a ProjectionExpression.
 */
public record GetItemRequest(String tableName, Map<String, AttributeValue> key, boolean consistentRead,
                             ReadExpressions expressions) {
    public GetItemRequest {
        Objects.requireNonNull(tableName, "tableName");
        key = new AttributeValue.M(key).value();
        Objects.requireNonNull(expressions, "expressions");
    }

    /** A GetItem of the whole item. */
    public GetItemRequest(String tableName, Map<String, AttributeValue> key, boolean consistentRead) {
        this(tableName, key, consistentRead, ReadExpressions.NONE);
    }
}

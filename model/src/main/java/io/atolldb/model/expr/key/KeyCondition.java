package io.atolldb.model.expr.key;

import io.atolldb.model.AttributeValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Query's key condition, validated against the table's key schema: the one partition key value
 * (key conditions always test the partition key for equality) and an optional condition on the sort
 * key. The storage layer turns it into a key range with {@code KeyCodec}: the partition key's prefix,
 * narrowed by {@link SortKeyCondition.Range} bounds or a {@link SortKeyCondition.BeginsWith} prefix.
 */
public record KeyCondition(String partitionKeyName, AttributeValue partitionKey, Optional<SortKeyCondition> sortKey) {
    public KeyCondition {
        Objects.requireNonNull(partitionKeyName, "partitionKeyName");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
    }

    /** True when the item's key attributes satisfy this condition. */
    public boolean matches(Map<String, AttributeValue> item) {
        var pk = item.get(partitionKeyName);
        if (pk == null || !pk.equals(partitionKey)) {
            return false;
        }
        return sortKey.map(condition -> {
            var sk = item.get(condition.attribute());
            return sk != null && condition.matches(sk);
        }).orElse(true);
    }
}

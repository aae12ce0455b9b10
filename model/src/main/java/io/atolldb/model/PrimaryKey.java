package io.atolldb.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The primary key of one item: its partition key value and, when the table has a sort key, its sort
 * key value ({@code null} otherwise). Both are scalar key values (S, N or B); {@link Keys} builds
 * them from client input after checking them against the table's {@link KeySchema}.
 */
public record PrimaryKey(AttributeValue partitionKey, AttributeValue sortKey /* null if none */) {
    public PrimaryKey {
        requireKeyType(Objects.requireNonNull(partitionKey, "partitionKey"));
        if (sortKey != null) {
            requireKeyType(sortKey);
        }
    }

    /** A key of a table without a sort key. */
    public static PrimaryKey of(AttributeValue partitionKey) {
        return new PrimaryKey(partitionKey, null);
    }

    public Optional<AttributeValue> sortKeyIfAny() {
        return Optional.ofNullable(sortKey);
    }

    /** The key as DynamoDB returns it (e.g. LastEvaluatedKey): partition key first, then sort key. */
    public Map<String, AttributeValue> toMap(KeySchema schema) {
        var map = new LinkedHashMap<String, AttributeValue>();
        map.put(schema.partitionKey().name(), partitionKey);
        schema.sortKey().ifPresent(sk -> map.put(sk.name(), Objects.requireNonNull(sortKey, "sortKey")));
        return java.util.Collections.unmodifiableMap(map);
    }

    private static void requireKeyType(AttributeValue value) {
        if (!(value instanceof AttributeValue.S || value instanceof AttributeValue.N || value instanceof AttributeValue.B)) {
            throw new IllegalArgumentException("a key value must be S, N or B, not " + value.typeName());
        }
    }
}

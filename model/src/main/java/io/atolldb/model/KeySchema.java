package io.atolldb.model;

import java.util.Objects;
import java.util.Optional;

/** A table's primary key: a partition key and an optional sort key, each a scalar S, N or B. */
public record KeySchema(KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {
    public KeySchema {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
    }

    /** The types a key attribute can have. */
    public enum ScalarType { S, N, B }

    /** One key attribute: its name and type. */
    public record KeyAttribute(String name, ScalarType type) {
        public KeyAttribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}

package io.atolldb.router.api;

import io.atolldb.model.KeySchema;
import java.util.Objects;

/** The scalar type of one key attribute, as declared in CreateTable's AttributeDefinitions. */
public record AttributeDefinition(String name, KeySchema.ScalarType type) {
    public AttributeDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}

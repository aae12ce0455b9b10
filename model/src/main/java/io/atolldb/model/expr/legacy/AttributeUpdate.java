package io.atolldb.model.expr.legacy;

import io.atolldb.model.AttributeValue;
import java.util.Objects;
import java.util.Optional;

/** One entry of the legacy AttributeUpdates parameter: a top-level attribute, an action and an optional value. */
public record AttributeUpdate(String attribute, Optional<AttributeValue> value, Action action) {
    public AttributeUpdate {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(action, "action");
    }

    /** The AttributeUpdates actions; PUT when the request names none. */
    public enum Action { PUT, ADD, DELETE }
}

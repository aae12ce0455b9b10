package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of a PutItem, UpdateItem or DeleteItem: the attributes ReturnValues asked for (absent
 * when none, or when there was no item to return) and the write units consumed.
 */
public record WriteItemResult(Optional<Map<String, AttributeValue>> attributes, ConsumedCapacity consumed)
        implements ConsumesCapacity {
    public WriteItemResult {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(consumed, "consumed");
    }

    @Override
    public List<ConsumedCapacity> consumedCapacity() {
        return List.of(consumed);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.Item;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A GetItem's item (projected, if asked), absent when there is none, and the read units it consumed. */
public record GetItemResult(Optional<Item> item, ConsumedCapacity consumed) implements ConsumesCapacity {
    public GetItemResult {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(consumed, "consumed");
    }

    @Override
    public List<ConsumedCapacity> consumedCapacity() {
        return List.of(consumed);
    }
}

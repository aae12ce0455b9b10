package io.atolldb.router.api;

import java.util.List;
import java.util.Optional;

import io.atolldb.model.Item;

/** The items of a TransactGetItems, one per Get in request order (empty: no such item). */
public record TransactGetResult(List<Optional<Item>> items, List<ConsumedCapacity> consumedCapacity)
        implements ConsumesCapacity {
}

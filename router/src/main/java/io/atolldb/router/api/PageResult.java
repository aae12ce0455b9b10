package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of a Query or Scan.
 *
 * @param items            the items returned, or null for Select=COUNT
 * @param count            items that matched (after any filter)
 * @param scannedCount     items read (before any filter)
 * @param lastEvaluatedKey where the next page starts, or null when the read is complete
 * @param consumed         the read units of every item read, filtered out or not
 */
public record PageResult(List<Item> items, int count, int scannedCount, Map<String, AttributeValue> lastEvaluatedKey,
                         ConsumedCapacity consumed) implements ConsumesCapacity {
    public PageResult {
        items = items == null ? null : List.copyOf(items);
        Objects.requireNonNull(consumed, "consumed");
    }

    @Override
    public List<ConsumedCapacity> consumedCapacity() {
        return List.of(consumed);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;

import java.util.List;
import java.util.Map;

/**
 * One page of a Query or Scan.
 *
 * @param items            the items returned, or null for Select=COUNT
 * @param count            items that matched (after any filter)
 * @param scannedCount     items read (before any filter)
 * @param lastEvaluatedKey where the next page starts, or null when the read is complete
 */
public record PageResult(List<Item> items, int count, int scannedCount, Map<String, AttributeValue> lastEvaluatedKey) {
    public PageResult {
        items = items == null ? null : List.copyOf(items);
    }
}

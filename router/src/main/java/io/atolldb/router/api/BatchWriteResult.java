package io.atolldb.router.api;

import java.util.List;
import java.util.Map;

/** The writes not done this time, per table (to be retried by the client), and the write units consumed per table. */
public record BatchWriteResult(Map<String, List<BatchWriteRequest.Write>> unprocessedItems,
                               List<ConsumedCapacity> consumedCapacity) implements ConsumesCapacity {
    public BatchWriteResult {
        unprocessedItems = Map.copyOf(unprocessedItems);
        consumedCapacity = List.copyOf(consumedCapacity);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.Item;

import java.util.List;
import java.util.Map;

/**
 * The items found per table, the keys not read this time (to be retried by the client), and the read
 * units consumed, one entry per table of the request.
 */
public record BatchGetResult(Map<String, List<Item>> responses, Map<String, BatchGetRequest.KeysAndAttributes> unprocessedKeys,
                             List<ConsumedCapacity> consumedCapacity) implements ConsumesCapacity {
    public BatchGetResult {
        responses = Map.copyOf(responses);
        unprocessedKeys = Map.copyOf(unprocessedKeys);
        consumedCapacity = List.copyOf(consumedCapacity);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.Item;

import java.util.List;
import java.util.Map;

/** The items found per table, and the keys not read this time (to be retried by the client). */
public record BatchGetResult(Map<String, List<Item>> responses, Map<String, BatchGetRequest.KeysAndAttributes> unprocessedKeys) {
    public BatchGetResult {
        responses = Map.copyOf(responses);
        unprocessedKeys = Map.copyOf(unprocessedKeys);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** BatchGetItem: up to 100 keys over one or more tables. */
public record BatchGetRequest(Map<String, KeysAndAttributes> requestItems) {
    public BatchGetRequest {
        requestItems = Map.copyOf(requestItems);
    }

    /** The keys to read from one table, and how (consistency, projection). */
    public record KeysAndAttributes(List<Map<String, AttributeValue>> keys, boolean consistentRead, ReadExpressions expressions) {
        public KeysAndAttributes {
            keys = List.copyOf(keys);
        }
    }
}

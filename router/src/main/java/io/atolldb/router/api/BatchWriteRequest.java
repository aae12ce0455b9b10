package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;

import java.util.List;
import java.util.Map;

/** BatchWriteItem: up to 25 puts and deletes over one or more tables. */
public record BatchWriteRequest(Map<String, List<Write>> requestItems) {
    public BatchWriteRequest {
        requestItems = Map.copyOf(requestItems);
    }

    /** One write of a batch: a whole-item put or a delete by key, unconditional. */
    public sealed interface Write {
        record Put(Item item) implements Write {
        }

        record Delete(Map<String, AttributeValue> key) implements Write {
            public Delete {
                key = Map.copyOf(key);
            }
        }
    }
}

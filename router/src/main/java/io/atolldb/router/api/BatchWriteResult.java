package io.atolldb.router.api;

import java.util.List;
import java.util.Map;

/** The writes not done this time, per table (to be retried by the client). */
public record BatchWriteResult(Map<String, List<BatchWriteRequest.Write>> unprocessedItems) {
    public BatchWriteResult {
        unprocessedItems = Map.copyOf(unprocessedItems);
    }
}

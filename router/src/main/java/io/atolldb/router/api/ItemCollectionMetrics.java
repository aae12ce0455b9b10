package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.Map;

/**
 * DynamoDB's ItemCollectionMetrics for one item collection (the items sharing a partition key) of a
 * table with local secondary indexes: the collection's key and an estimate of its size as a range in
 * gigabytes. The API reference calls it an estimate whose precision is not to be relied on; AtollDB
 * gives the whole gigabytes below and above the collection's items' size (by DynamoDB's item size
 * rules), so a small collection is [0.0, 1.0].
 */
public record ItemCollectionMetrics(Map<String, AttributeValue> itemCollectionKey, double lowerGb, double upperGb) {
    private static final double GB = 1024.0 * 1024 * 1024;

    public ItemCollectionMetrics {
        itemCollectionKey = Map.copyOf(itemCollectionKey);
    }

    /** The metrics of a collection whose items total {@code bytes}. */
    public static ItemCollectionMetrics estimate(Map<String, AttributeValue> itemCollectionKey, long bytes) {
        double lower = Math.floor(bytes / GB);
        return new ItemCollectionMetrics(itemCollectionKey, lower, lower + 1);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.Map;

/**
 * One page of a Scan.
 *
 * @param limit             items to read at most (0: no limit but the 1 MB page)
 * @param exclusiveStartKey the primary key the previous page ended at, or null for the first page
 * @param segment           this segment of a parallel scan, in [0, totalSegments)
 * @param indexName         the secondary index to scan, or null for the table
 */
public record ScanRequest(String tableName, int limit, Map<String, AttributeValue> exclusiveStartKey, int segment,
                          int totalSegments, boolean consistentRead, Select select, ReadExpressions expressions,
                          String indexName) {

    /** A Scan of the table itself. */
    public ScanRequest(String tableName, int limit, Map<String, AttributeValue> exclusiveStartKey, int segment,
                       int totalSegments, boolean consistentRead, Select select, ReadExpressions expressions) {
        this(tableName, limit, exclusiveStartKey, segment, totalSegments, consistentRead, select, expressions, null);
    }
}

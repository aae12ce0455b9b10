package io.atolldb.router.api;

import io.atolldb.model.AttributeValue;

import java.util.Map;

/**
 * One page of a Query: the items of one partition key, in sort key order (or reverse), narrowed by the
 * key condition, filtered and projected.
 *
 * @param limit             items to read at most, before the filter (0: no limit but the 1 MB page)
 * @param exclusiveStartKey the primary key the previous page ended at (for an index: index keys and table keys), or null
 * @param indexName         the secondary index to query, or null for the table
 */
public record QueryRequest(String tableName, ReadExpressions expressions, int limit, Map<String, AttributeValue> exclusiveStartKey,
                           boolean scanForward, boolean consistentRead, Select select, Legacy legacy, String indexName) {

    /** A Query of the table itself. */
    public QueryRequest(String tableName, ReadExpressions expressions, int limit, Map<String, AttributeValue> exclusiveStartKey,
                        boolean scanForward, boolean consistentRead, Select select, Legacy legacy) {
        this(tableName, expressions, limit, exclusiveStartKey, scanForward, consistentRead, select, legacy, null);
    }

    /**
     * Legacy KeyConditions and QueryFilter (with ConditionalOperator), or null: they are converted where
     * the table's key schema is known.
     */
    public record Legacy(java.util.List<io.atolldb.model.expr.legacy.FilterCondition> keyConditions,
                         java.util.List<io.atolldb.model.expr.legacy.FilterCondition> queryFilter,
                         java.util.Optional<io.atolldb.model.expr.legacy.ConditionalOperator> conditionalOperator) {
    }
}

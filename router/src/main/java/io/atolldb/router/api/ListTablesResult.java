package io.atolldb.router.api;

import java.util.List;

/**
 * One page of table names in ascending order. {@code lastEvaluatedTableName} is {@code null} on the last
 * page; otherwise the client passes it back as ExclusiveStartTableName.
 */
public record ListTablesResult(List<String> tableNames, String lastEvaluatedTableName) {
    public ListTablesResult {
        tableNames = List.copyOf(tableNames);
    }
}

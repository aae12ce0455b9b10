package io.atolldb.router.api;

import io.atolldb.model.KeySchema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What DescribeTable (and CreateTable, DeleteTable) report about a table. The ARN is not stored here:
 * the api layer derives it from the name and its configured region. For PAY_PER_REQUEST tables
 * {@code provisionedThroughput} is {@link ProvisionedThroughput#NONE}.
 */
public record TableDescription(
        String tableName,
        String tableId,
        KeySchema keySchema,
        List<AttributeDefinition> attributeDefinitions,
        TableStatus status,
        Instant creationDateTime,
        long itemCount,
        long tableSizeBytes,
        BillingMode billingMode,
        ProvisionedThroughput provisionedThroughput,
        List<IndexDefinition> indexes) {

    /** A table without secondary indexes. */
    public TableDescription(String tableName, String tableId, KeySchema keySchema,
                            List<AttributeDefinition> attributeDefinitions, TableStatus status, Instant creationDateTime,
                            long itemCount, long tableSizeBytes, BillingMode billingMode,
                            ProvisionedThroughput provisionedThroughput) {
        this(tableName, tableId, keySchema, attributeDefinitions, status, creationDateTime, itemCount, tableSizeBytes,
                billingMode, provisionedThroughput, List.of());
    }

    public TableDescription {
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(tableId, "tableId");
        Objects.requireNonNull(keySchema, "keySchema");
        attributeDefinitions = List.copyOf(attributeDefinitions);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(creationDateTime, "creationDateTime");
        Objects.requireNonNull(billingMode, "billingMode");
        Objects.requireNonNull(provisionedThroughput, "provisionedThroughput");
    }
}

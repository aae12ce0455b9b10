package io.atolldb.router.api;

import io.atolldb.model.KeySchema;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated CreateTable: the key schema's attributes are exactly the attribute definitions, and
 * {@code provisionedThroughput} is set for PROVISIONED and {@code null} for PAY_PER_REQUEST; {@code indexes}
 * are the secondary indexes, local ones first, with their ids; {@code tags} the table's tags, checked by
 * {@link TagRules}.
 */
public record CreateTableRequest(
        String tableName,
        KeySchema keySchema,
        List<AttributeDefinition> attributeDefinitions,
        BillingMode billingMode,
        ProvisionedThroughput provisionedThroughput,
        List<IndexDefinition> indexes,
        Map<String, String> tags) {

    /** A table without tags. */
    public CreateTableRequest(String tableName, KeySchema keySchema, List<AttributeDefinition> attributeDefinitions,
                              BillingMode billingMode, ProvisionedThroughput provisionedThroughput,
                              List<IndexDefinition> indexes) {
        this(tableName, keySchema, attributeDefinitions, billingMode, provisionedThroughput, indexes, Map.of());
    }

    /** A table without secondary indexes. */
    public CreateTableRequest(String tableName, KeySchema keySchema, List<AttributeDefinition> attributeDefinitions,
                              BillingMode billingMode, ProvisionedThroughput provisionedThroughput) {
        this(tableName, keySchema, attributeDefinitions, billingMode, provisionedThroughput, List.of());
    }

    public CreateTableRequest {
        indexes = List.copyOf(indexes);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(keySchema, "keySchema");
        attributeDefinitions = List.copyOf(attributeDefinitions);
        Objects.requireNonNull(billingMode, "billingMode");
        if ((billingMode == BillingMode.PROVISIONED) != (provisionedThroughput != null)) {
            throw new IllegalArgumentException(
                    "provisionedThroughput must be set exactly when billingMode is PROVISIONED");
        }
    }
}

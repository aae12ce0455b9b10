package io.atolldb.router.api;

import io.atolldb.model.KeySchema;
import java.util.List;
import java.util.Objects;

/**
 * A validated CreateTable: the key schema's attributes are exactly the attribute definitions, and
 * {@code provisionedThroughput} is set for PROVISIONED and {@code null} for PAY_PER_REQUEST.
 */
public record CreateTableRequest(
        String tableName,
        KeySchema keySchema,
        List<AttributeDefinition> attributeDefinitions,
        BillingMode billingMode,
        ProvisionedThroughput provisionedThroughput) {

    public CreateTableRequest {
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

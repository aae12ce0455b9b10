package io.atolldb.compat;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated table: a partition key "pk" and, for hash+range tables, a sort key "sk", each of type
 * S, N or B.
 *
 * @param sortKeyType null for a table with a partition key only
 */
record TableShape(String name, ScalarAttributeType partitionKeyType, ScalarAttributeType sortKeyType) {
    static final String PK = "pk";
    static final String SK = "sk";

    boolean hasSortKey() {
        return sortKeyType != null;
    }

    CreateTableRequest createRequest() {
        List<AttributeDefinition> definitions = new ArrayList<>();
        List<KeySchemaElement> schema = new ArrayList<>();
        definitions.add(AttributeDefinition.builder().attributeName(PK).attributeType(partitionKeyType).build());
        schema.add(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build());
        if (hasSortKey()) {
            definitions.add(AttributeDefinition.builder().attributeName(SK).attributeType(sortKeyType).build());
            schema.add(KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build());
        }
        return CreateTableRequest.builder().tableName(name).attributeDefinitions(definitions).keySchema(schema)
                .billingMode(BillingMode.PAY_PER_REQUEST).build();
    }
}

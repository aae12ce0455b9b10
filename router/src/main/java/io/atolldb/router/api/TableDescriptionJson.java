package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.KeySchema;
import io.atolldb.model.SecondaryIndex;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Renders a {@link TableDescription} as DynamoDB's TableDescription JSON. The TableArn is derived here
 * from the table name and the region this front door reports ("arn:aws:dynamodb:REGION:000000000000:table/NAME").
 */
final class TableDescriptionJson {
    static final String ACCOUNT_ID = "000000000000";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String region;

    TableDescriptionJson(String region) {
        this.region = Objects.requireNonNull(region, "region");
    }

    String arn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + ACCOUNT_ID + ":table/" + tableName;
    }

    ObjectNode render(TableDescription table) {
        ObjectNode out = NODES.objectNode();
        out.put("TableName", table.tableName());
        out.put("TableId", table.tableId());
        out.put("TableArn", arn(table.tableName()));
        out.put("TableStatus", table.status().name());
        out.set("KeySchema", keySchema(table.keySchema()));
        ArrayNode definitions = out.putArray("AttributeDefinitions");
        for (AttributeDefinition definition : table.attributeDefinitions()) {
            definitions.addObject()
                    .put("AttributeName", definition.name())
                    .put("AttributeType", definition.type().name());
        }
        out.put("CreationDateTime", epochSeconds(table.creationDateTime()));
        out.put("ItemCount", table.itemCount());
        out.put("TableSizeBytes", table.tableSizeBytes());
        ObjectNode billing = out.putObject("BillingModeSummary").put("BillingMode", table.billingMode().name());
        if (table.billingMode() == BillingMode.PAY_PER_REQUEST) {
            billing.put("LastUpdateToPayPerRequestDateTime", epochSeconds(table.creationDateTime()));
        }
        out.putObject("ProvisionedThroughput")
                .put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", table.provisionedThroughput().readCapacityUnits())
                .put("WriteCapacityUnits", table.provisionedThroughput().writeCapacityUnits());
        out.put("DeletionProtectionEnabled", false);
        renderIndexes(out, table);
        return out;
    }

    /**
     * LocalSecondaryIndexes and GlobalSecondaryIndexes, present only when the table has some, as in
     * DynamoDB. A global index's status follows its table's (indexes are created with the table).
     * ItemCount and IndexSizeBytes are 0: AtollDB keeps statistics for table items only.
     */
    private void renderIndexes(ObjectNode out, TableDescription table) {
        ArrayNode local = null;
        ArrayNode global = null;
        for (IndexDefinition definition : table.indexes()) {
            SecondaryIndex index = definition.index();
            ObjectNode node;
            if (index.global()) {
                global = global == null ? out.putArray("GlobalSecondaryIndexes") : global;
                node = global.addObject();
            } else {
                local = local == null ? out.putArray("LocalSecondaryIndexes") : local;
                node = local.addObject();
            }
            node.put("IndexName", index.name());
            node.set("KeySchema", keySchema(index.keySchema()));
            ObjectNode projection = node.putObject("Projection").put("ProjectionType", index.projection().name());
            if (index.projection() == SecondaryIndex.ProjectionType.INCLUDE) {
                ArrayNode names = projection.putArray("NonKeyAttributes");
                index.nonKeyAttributes().forEach(names::add);
            }
            if (index.global()) {
                node.put("IndexStatus", table.status().name());
                node.putObject("ProvisionedThroughput")
                        .put("NumberOfDecreasesToday", 0)
                        .put("ReadCapacityUnits", definition.throughput().readCapacityUnits())
                        .put("WriteCapacityUnits", definition.throughput().writeCapacityUnits());
            }
            node.put("IndexSizeBytes", 0);
            node.put("ItemCount", 0);
            node.put("IndexArn", arn(table.tableName()) + "/index/" + index.name());
        }
    }

    private static ArrayNode keySchema(KeySchema schema) {
        ArrayNode out = NODES.arrayNode(2);
        out.addObject().put("AttributeName", schema.partitionKey().name()).put("KeyType", "HASH");
        schema.sortKey().ifPresent(sortKey -> out.addObject().put("AttributeName", sortKey.name()).put("KeyType", "RANGE"));
        return out;
    }

    /** Epoch seconds with millisecond fraction, the way DynamoDB's JSON carries timestamps. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}

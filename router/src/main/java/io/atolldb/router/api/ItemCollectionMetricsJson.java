package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders ItemCollectionMetrics: one object for PutItem, UpdateItem and DeleteItem; for BatchWriteItem
 * a map from table name to the list of the collections written (API reference, BatchWriteItem
 * response). Tables without local secondary indexes contribute nothing, as in DynamoDB.
 */
final class ItemCollectionMetricsJson {
    private ItemCollectionMetricsJson() {
    }

    static void add(ObjectNode response, Map<String, List<Map<String, AttributeValue>>> written,
                    DynamoService service, boolean perTable) {
        Map<String, List<ItemCollectionMetrics>> byTable = new LinkedHashMap<>();
        written.forEach((table, items) -> {
            Map<Map<String, AttributeValue>, ItemCollectionMetrics> collections = new LinkedHashMap<>();
            for (Map<String, AttributeValue> item : items) {
                service.itemCollectionMetrics(table, item)
                        .ifPresent(metrics -> collections.put(metrics.itemCollectionKey(), metrics));
            }
            if (!collections.isEmpty()) {
                byTable.put(table, new ArrayList<>(collections.values()));
            }
        });
        if (byTable.isEmpty()) {
            return;
        }
        if (!perTable) {
            response.set("ItemCollectionMetrics", write(byTable.values().iterator().next().getFirst()));
            return;
        }
        ObjectNode tables = response.putObject("ItemCollectionMetrics");
        byTable.forEach((table, metrics) -> {
            ArrayNode list = tables.putArray(table);
            metrics.forEach(m -> list.add(write(m)));
        });
    }

    private static ObjectNode write(ItemCollectionMetrics metrics) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("ItemCollectionKey", AttributeValueJson.writeMap(metrics.itemCollectionKey()));
        node.putArray("SizeEstimateRangeGB").add(metrics.lowerGb()).add(metrics.upperGb());
        return node;
    }
}

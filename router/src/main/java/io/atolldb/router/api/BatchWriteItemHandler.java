package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BatchWriteItem: up to 25 unconditional puts and deletes; writes not done come back as UnprocessedItems. */
final class BatchWriteItemHandler implements OperationHandler<BatchWriteRequest, BatchWriteResult> {
    static final int MAX_WRITES = 25;

    @Override
    public BatchWriteRequest parse(JsonFields request) {
        Violations violations = new Violations();
        JsonFields items = request.object("RequestItems");
        violations.requirePresent(items, "requestItems");
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();
        Map<String, List<BatchWriteRequest.Write>> perTable = new LinkedHashMap<>();
        int total = 0;
        for (String table : items.names()) {
            RequestRules.checkTableName(table, "requestItems." + table + ".member.tableName", violations);
            // DynamoDB's wording (as DynamoDB Local answers) for a table whose list of writes is null.
            List<JsonFields> writes = items.requiredObjects(table, () -> DynamoException.validation(
                    "The batch write request list for a table cannot be null or empty: " + table));
            violations.checkSize(writes, writes.size(), "requestItems." + table + ".member", 1, MAX_WRITES);
            List<BatchWriteRequest.Write> parsed = new ArrayList<>();
            for (JsonFields write : writes) {
                JsonFields put = write.object("PutRequest");
                JsonFields delete = write.object("DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw DynamoException.validation("A write request must contain exactly one of PutRequest or DeleteRequest");
                }
                if (put != null) {
                    violations.requirePresent(put.raw("Item"), "requestItems." + table + ".member.putRequest.item");
                    if (put.raw("Item") != null) {
                        parsed.add(new BatchWriteRequest.Write.Put(new Item(ItemJson.attributes(put, "Item"))));
                    }
                } else {
                    violations.requirePresent(delete.raw("Key"), "requestItems." + table + ".member.deleteRequest.key");
                    if (delete.raw("Key") != null) {
                        parsed.add(new BatchWriteRequest.Write.Delete(ItemJson.attributes(delete, "Key")));
                    }
                }
            }
            total += parsed.size();
            perTable.put(table, parsed);
        }
        violations.checkSize(items.names(), items.names().size(), "requestItems", 1, Integer.MAX_VALUE);
        violations.throwIfAny();
        if (total > MAX_WRITES) {
            throw DynamoException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy "
                    + "constraint: Map value must satisfy constraint: [Member must have length less than or equal to "
                    + MAX_WRITES + ", Member must have length greater than or equal to 1]");
        }
        return new BatchWriteRequest(perTable);
    }

    @Override
    public Map<String, List<Map<String, AttributeValue>>> writtenItems(BatchWriteRequest request) {
        Map<String, List<Map<String, AttributeValue>>> written = new java.util.LinkedHashMap<>();
        request.requestItems().forEach((table, writes) -> written.put(table, writes.stream()
                .map(write -> switch (write) {
                    case BatchWriteRequest.Write.Put put -> put.item().attributes();
                    case BatchWriteRequest.Write.Delete delete -> delete.key();
                })
                .toList()));
        return written;
    }

    @Override
    public BatchWriteResult call(DynamoService service, BatchWriteRequest request) {
        return service.batchWriteItem(request);
    }

    /** DynamoDB answers a batch's ConsumedCapacity as a list, one entry per table. */
    @Override
    public boolean capacityPerTable() {
        return true;
    }

    @Override
    public ObjectNode render(BatchWriteResult result) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode unprocessed = out.putObject("UnprocessedItems");
        result.unprocessedItems().forEach((table, writes) -> {
            ArrayNode list = unprocessed.putArray(table);
            for (BatchWriteRequest.Write write : writes) {
                ObjectNode entry = list.addObject();
                switch (write) {
                    case BatchWriteRequest.Write.Put put ->
                            entry.putObject("PutRequest").set("Item", AttributeValueJson.writeMap(put.item().attributes()));
                    case BatchWriteRequest.Write.Delete delete ->
                            entry.putObject("DeleteRequest").set("Key", AttributeValueJson.writeMap(delete.key()));
                }
            }
        });
        return out;
    }
}

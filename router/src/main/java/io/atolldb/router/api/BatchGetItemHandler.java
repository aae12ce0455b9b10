package io.atolldb.router.api;

import io.atolldb.model.expr.legacy.ParameterRules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BatchGetItem: reads up to 100 items by key from one or more tables; keys not read come back as UnprocessedKeys. */
final class BatchGetItemHandler implements OperationHandler<BatchGetRequest, BatchGetResult> {
    static final int MAX_KEYS = 100;

    @Override
    public BatchGetRequest parse(JsonFields request) {
        Violations violations = new Violations();
        JsonFields items = request.object("RequestItems");
        violations.requirePresent(items, "requestItems");
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();
        Map<String, BatchGetRequest.KeysAndAttributes> perTable = new LinkedHashMap<>();
        int total = 0;
        for (String table : items.names()) {
            RequestRules.checkTableName(table, "requestItems." + table + ".member.tableName", violations);
            JsonFields entry = items.requiredObject(table, () -> DynamoException.validation(
                    "The list of keys in RequestItems for BatchGetItem is required: " + table + " has empty list"));
            ParameterRules.check(ParameterRules.Operation.GET_ITEM, new java.util.HashSet<>(entry.names()));
            ReadExpressions expressions = ReadExpressions.usesLegacy(entry)
                    ? ReadExpressions.legacy(entry, false) : ReadExpressions.parse(entry, false, false);
            List<JsonFields> keys = entry.objects("Keys");
            violations.requirePresent(keys, "requestItems." + table + ".member.keys");
            if (keys == null) {
                continue;
            }
            violations.checkSize(keys, keys.size(), "requestItems." + table + ".member.keys", 1, MAX_KEYS);
            List<Map<String, AttributeValue>> parsed = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                parsed.add(AttributeValueJson.readMap(entry.raw("Keys").get(i), "Keys"));
            }
            total += parsed.size();
            perTable.put(table, new BatchGetRequest.KeysAndAttributes(parsed, Boolean.TRUE.equals(entry.bool("ConsistentRead")),
                    expressions));
        }
        violations.checkSize(items.names(), items.names().size(), "requestItems", 1, Integer.MAX_VALUE);
        violations.throwIfAny();
        if (total > MAX_KEYS) {
            throw DynamoException.validation("Too many items requested for the BatchGetItem call");
        }
        return new BatchGetRequest(perTable);
    }

    @Override
    public BatchGetResult call(DynamoService service, BatchGetRequest request) {
        return service.batchGetItem(request);
    }

    /** DynamoDB answers a batch's ConsumedCapacity as a list, one entry per table. */
    @Override
    public boolean capacityPerTable() {
        return true;
    }

    @Override
    public ObjectNode render(BatchGetResult result) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode responses = out.putObject("Responses");
        result.responses().forEach((table, items) -> {
            ArrayNode list = responses.putArray(table);
            items.forEach(item -> list.add(AttributeValueJson.writeMap(item.attributes())));
        });
        ObjectNode unprocessed = out.putObject("UnprocessedKeys");
        result.unprocessedKeys().forEach((table, keys) -> {
            ObjectNode entry = unprocessed.putObject(table);
            ArrayNode list = entry.putArray("Keys");
            keys.keys().forEach(key -> list.add(AttributeValueJson.writeMap(key)));
            if (keys.consistentRead()) {
                entry.put("ConsistentRead", true);
            }
            if (!keys.expressions().projection().isEmpty()) {
                entry.put("ProjectionExpression", keys.expressions().projection());
                if (!keys.expressions().names().isEmpty()) {
                    ObjectNode names = entry.putObject("ExpressionAttributeNames");
                    keys.expressions().names().forEach(names::put);
                }
            }
        });
        return out;
    }
}

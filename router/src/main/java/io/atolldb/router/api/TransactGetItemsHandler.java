package io.atolldb.router.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.atolldb.model.Item;

/**
 * TransactGetItems: up to 100 Gets of distinct items, read as of one moment; each may carry a
 * ProjectionExpression. Responses has one entry per Get, in order ({} when there is no such item).
 */
final class TransactGetItemsHandler implements OperationHandler<TransactGetRequest, TransactGetResult> {
    static final int MAX_GETS = 100;

    @Override
    public TransactGetRequest parse(JsonFields request) {
        Violations violations = new Violations();
        List<JsonFields> items = request.objects("TransactItems");
        if (violations.requirePresent(items, "transactItems")) {
            violations.checkSize(items, items.size(), "transactItems", 1, MAX_GETS);
        }
        violations.enumValue(request.string("ReturnConsumedCapacity"), "returnConsumedCapacity", ReturnConsumedCapacity.class);
        violations.throwIfAny();
        List<TransactGetRequest.Get> gets = new ArrayList<>();
        for (JsonFields item : items) {
            JsonFields get = item.object("Get");
            if (get == null || item.names().size() != 1) {
                throw DynamoException.validation("TransactItems can only contain Get");
            }
            Violations one = new Violations();
            String tableName = RequestRules.tableName(get, one);
            one.requirePresent(get.raw("Key"), "key");
            one.throwIfAny();
            gets.add(new TransactGetRequest.Get(tableName, ItemJson.attributes(get, "Key"),
                    ReadExpressions.parse(get, false, false)));
        }
        return new TransactGetRequest(gets);
    }

    @Override
    public TransactGetResult call(DynamoService service, TransactGetRequest request) {
        return service.transactGetItems(request);
    }

    @Override
    public boolean capacityPerTable() {
        return true;
    }

    @Override
    public ObjectNode render(TransactGetResult result) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode responses = out.putArray("Responses");
        for (Optional<Item> item : result.items()) {
            responses.add(ItemJson.optionalItem("Item", item));
        }
        return out;
    }
}

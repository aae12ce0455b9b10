package io.atolldb.router.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.atolldb.model.Item;

/**
 * TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck actions on distinct items, all
 * applied or none. Each action is checked here as its single-item operation would be (table name,
 * key or item, expressions and their placeholders); checks that need the tables (key schema, item
 * sizes, duplicates) are the backend's.
 */
final class TransactWriteItemsHandler implements OperationHandler<TransactWriteRequest, TransactWriteResult> {
    static final int MAX_ACTIONS = 100;
    private static final List<String> KINDS = List.of("ConditionCheck", "Put", "Delete", "Update");

    @Override
    public TransactWriteRequest parse(JsonFields request) {
        Violations violations = new Violations();
        List<JsonFields> items = request.objects("TransactItems");
        if (violations.requirePresent(items, "transactItems")) {
            violations.checkSize(items, items.size(), "transactItems", 1, MAX_ACTIONS);
        }
        String token = request.string("ClientRequestToken");
        if (token != null) {
            violations.checkLength(token, "clientRequestToken", 1, 36);
        }
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();
        List<TransactWriteRequest.Action> actions = new ArrayList<>();
        for (JsonFields item : items) {
            List<String> kinds = KINDS.stream().filter(item::has).toList();
            if (kinds.size() != 1 || item.names().size() != 1) {
                throw DynamoException.validation(
                        "TransactItems can only contain one of ConditionCheck, Put, Update or Delete");
            }
            actions.add(action(kinds.getFirst(), item.object(kinds.getFirst())));
        }
        return new TransactWriteRequest(actions, token);
    }

    private static TransactWriteRequest.Action action(String kind, JsonFields action) {
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(action, violations);
        boolean returnOld = RequestRules.returnOldOnConditionFailure(action, violations);
        violations.requirePresent(action.raw(kind.equals("Put") ? "Item" : "Key"), kind.equals("Put") ? "item" : "key");
        if (kind.equals("Update")) {
            violations.requirePresent(action.string("UpdateExpression"), "updateExpression");
        }
        if (kind.equals("ConditionCheck")) {
            violations.requirePresent(action.string("ConditionExpression"), "conditionExpression");
        }
        violations.throwIfAny();
        String conditionExpression = action.string("ConditionExpression");
        String updateExpression = action.string("UpdateExpression");
        ExpressionParams expressions = ExpressionParams.read(action, conditionExpression != null || updateExpression != null);
        if (updateExpression != null) {
            expressions.resolver.update(updateExpression);
        }
        WriteCondition condition = expressions.condition(conditionExpression);
        expressions.requireAllUsed();
        return switch (kind) {
            case "Put" -> new TransactWriteRequest.Put(tableName, new Item(ItemJson.attributes(action, "Item")), condition, returnOld);
            case "Update" -> new TransactWriteRequest.Update(tableName, ItemJson.attributes(action, "Key"), updateExpression,
                    condition, returnOld);
            case "Delete" -> new TransactWriteRequest.Delete(tableName, ItemJson.attributes(action, "Key"), condition, returnOld);
            default -> new TransactWriteRequest.ConditionCheck(tableName, ItemJson.attributes(action, "Key"), condition, returnOld);
        };
    }

    /** The written items by table; a ConditionCheck writes nothing. */
    @Override
    public java.util.Map<String, java.util.List<java.util.Map<String, io.atolldb.model.AttributeValue>>> writtenItems(
            TransactWriteRequest request) {
        java.util.Map<String, java.util.List<java.util.Map<String, io.atolldb.model.AttributeValue>>> written =
                new java.util.LinkedHashMap<>();
        for (TransactWriteRequest.Action action : request.actions()) {
            switch (action) {
                case TransactWriteRequest.Put put ->
                        written.computeIfAbsent(put.tableName(), t -> new java.util.ArrayList<>()).add(put.item().attributes());
                case TransactWriteRequest.Update update ->
                        written.computeIfAbsent(update.tableName(), t -> new java.util.ArrayList<>()).add(update.key());
                case TransactWriteRequest.Delete delete ->
                        written.computeIfAbsent(delete.tableName(), t -> new java.util.ArrayList<>()).add(delete.key());
                case TransactWriteRequest.ConditionCheck check -> { }
            }
        }
        return written;
    }

    @Override
    public TransactWriteResult call(DynamoService service, TransactWriteRequest request) {
        return service.transactWriteItems(request);
    }

    /** Transactions answer ConsumedCapacity as a list, one entry per table. */
    @Override
    public boolean capacityPerTable() {
        return true;
    }

    @Override
    public ObjectNode render(TransactWriteResult result) {
        return JsonNodeFactory.instance.objectNode();
    }
}

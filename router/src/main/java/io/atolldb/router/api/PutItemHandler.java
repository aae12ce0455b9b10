package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.expr.legacy.ParameterRules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** PutItem: stores the item if its condition holds and, for ReturnValues ALL_OLD, answers the replaced item. */
final class PutItemHandler implements OperationHandler<PutItemRequest, WriteItemResult> {

    @Override
    public PutItemRequest parse(JsonFields request) {
        ParameterRules.check(ParameterRules.Operation.PUT_ITEM, new HashSet<>(request.names()));
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        violations.requirePresent(request.raw("Item"), "item");
        ReturnValues returnValues = RequestRules.writeReturnValues(request, violations);
        boolean returnOldOnFailure = RequestRules.returnOldOnConditionFailure(request, violations);
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();

        Item item = new Item(ItemJson.attributes(request, "Item"));
        RequestRules.requireNoneOrAllOld(returnValues);
        WriteCondition condition = ExpressionParams.writeCondition(request);
        return new PutItemRequest(tableName, item, returnValues, condition, returnOldOnFailure);
    }

    @Override
    public Map<String, List<Map<String, AttributeValue>>> writtenItems(PutItemRequest request) {
        return Map.of(request.tableName(), List.of(request.item().attributes()));
    }

    @Override
    public WriteItemResult call(DynamoService service, PutItemRequest request) {
        return service.putItem(request);
    }

    @Override
    public ObjectNode render(WriteItemResult result) {
        return ItemJson.attributes("Attributes", result.attributes());
    }
}

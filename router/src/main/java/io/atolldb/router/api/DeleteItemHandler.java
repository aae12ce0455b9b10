package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.legacy.ParameterRules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** DeleteItem: deletes by full key if its condition holds and, for ReturnValues ALL_OLD, answers the deleted item. */
final class DeleteItemHandler implements OperationHandler<DeleteItemRequest, WriteItemResult> {

    @Override
    public DeleteItemRequest parse(JsonFields request) {
        ParameterRules.check(ParameterRules.Operation.DELETE_ITEM, new HashSet<>(request.names()));
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        violations.requirePresent(request.raw("Key"), "key");
        ReturnValues returnValues = RequestRules.writeReturnValues(request, violations);
        boolean returnOldOnFailure = RequestRules.returnOldOnConditionFailure(request, violations);
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();

        Map<String, AttributeValue> key = ItemJson.attributes(request, "Key");
        RequestRules.requireNoneOrAllOld(returnValues);
        WriteCondition condition = ExpressionParams.writeCondition(request);
        return new DeleteItemRequest(tableName, key, returnValues, condition, returnOldOnFailure);
    }

    @Override
    public Map<String, List<Map<String, AttributeValue>>> writtenItems(DeleteItemRequest request) {
        return Map.of(request.tableName(), List.of(request.key()));
    }

    @Override
    public WriteItemResult call(DynamoService service, DeleteItemRequest request) {
        return service.deleteItem(request);
    }

    @Override
    public ObjectNode render(WriteItemResult result) {
        return ItemJson.attributes("Attributes", result.attributes());
    }
}

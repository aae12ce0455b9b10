package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.legacy.ParameterRules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * UpdateItem: applies an UpdateExpression (SET, REMOVE, ADD, DELETE) to one item if its condition holds,
 * creating the item when absent; answers the attributes ReturnValues asks for.
 */
final class UpdateItemHandler implements OperationHandler<UpdateItemRequest, WriteItemResult> {

    @Override
    public UpdateItemRequest parse(JsonFields request) {
        ParameterRules.check(ParameterRules.Operation.UPDATE_ITEM, new HashSet<>(request.names()));
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        violations.requirePresent(request.raw("Key"), "key");
        ReturnValues returnValues = RequestRules.writeReturnValues(request, violations);
        boolean returnOldOnFailure = RequestRules.returnOldOnConditionFailure(request, violations);
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();

        Map<String, AttributeValue> key = ItemJson.attributes(request, "Key");
        var attributeUpdates = LegacyJson.attributeUpdates(request);
        var expected = LegacyJson.expected(request);
        if (!attributeUpdates.isEmpty() || expected.isPresent()) {
            return new UpdateItemRequest(tableName, key, "", expected.orElse(WriteCondition.NONE), returnValues,
                    returnOldOnFailure, attributeUpdates);
        }
        String updateExpression = request.string("UpdateExpression");
        String conditionExpression = request.string("ConditionExpression");
        ExpressionParams expressions = ExpressionParams.read(request, updateExpression != null || conditionExpression != null);
        if (updateExpression != null) {
            expressions.resolver.update(updateExpression);
        }
        WriteCondition condition = expressions.condition(conditionExpression);
        expressions.requireAllUsed();
        return new UpdateItemRequest(tableName, key, updateExpression == null ? "" : updateExpression, condition,
                returnValues, returnOldOnFailure, java.util.List.of());
    }

    @Override
    public Map<String, List<Map<String, AttributeValue>>> writtenItems(UpdateItemRequest request) {
        return Map.of(request.tableName(), List.of(request.key()));
    }

    @Override
    public WriteItemResult call(DynamoService service, UpdateItemRequest request) {
        return service.updateItem(request);
    }

    @Override
    public ObjectNode render(WriteItemResult result) {
        return ItemJson.attributes("Attributes", result.attributes());
    }
}

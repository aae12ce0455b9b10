package io.atolldb.router.api;

import io.atolldb.model.expr.legacy.ParameterRules;
import java.util.HashSet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import java.util.Map;

/** GetItem of a whole item by its full key; answers {"Item": ...}, or {} when there is none. */
final class GetItemHandler implements OperationHandler<GetItemRequest, GetItemResult> {

    @Override
    public GetItemRequest parse(JsonFields request) {
        ParameterRules.check(ParameterRules.Operation.GET_ITEM, new HashSet<>(request.names()));
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        violations.requirePresent(request.raw("Key"), "key");
        Boolean consistentRead = request.bool("ConsistentRead");
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();

        Map<String, AttributeValue> key = ItemJson.attributes(request, "Key");
        ReadExpressions expressions = ReadExpressions.usesLegacy(request)
                ? ReadExpressions.legacy(request, false) : ReadExpressions.parse(request, false, false);
        return new GetItemRequest(tableName, key, Boolean.TRUE.equals(consistentRead), expressions);
    }

    @Override
    public GetItemResult call(DynamoService service, GetItemRequest request) {
        return service.getItem(request);
    }

    @Override
    public ObjectNode render(GetItemResult result) {
        return ItemJson.optionalItem("Item", result.item());
    }
}

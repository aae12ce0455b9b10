package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;

import java.util.Map;

/** Query: one page of the items of one partition key, narrowed by the sort key condition, filtered and projected. */
final class QueryHandler implements OperationHandler<QueryRequest, PageResult> {

    @Override
    public QueryRequest parse(JsonFields request) {
        io.atolldb.model.expr.legacy.ParameterRules.check(io.atolldb.model.expr.legacy.ParameterRules.Operation.QUERY,
                new java.util.HashSet<>(request.names()));
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        String indexName = RequestRules.indexName(request, violations);
        Long limit = request.integer("Limit");
        if (limit != null) {
            violations.checkRange(limit, "limit", 1, Integer.MAX_VALUE);
        }
        Select select = violations.enumValue(request.string("Select"), "select", Select.class);
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();
        if (request.string("KeyConditionExpression") == null && !request.has("KeyConditions")) {
            throw DynamoException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        boolean legacy = request.has("KeyConditions");
        ReadExpressions expressions = legacy ? ReadExpressions.legacy(request, false) : ReadExpressions.parse(request, true, true);
        QueryRequest.Legacy legacyConditions = legacy ? new QueryRequest.Legacy(LegacyJson.filter(request, "KeyConditions"),
                LegacyJson.filter(request, "QueryFilter"), LegacyJson.conditionalOperator(request)) : null;
        select = Pages.checkSelect(select, expressions, indexName != null);
        Map<String, AttributeValue> startKey = request.raw("ExclusiveStartKey") == null
                ? null : ItemJson.attributes(request, "ExclusiveStartKey");
        Boolean forward = request.bool("ScanIndexForward");
        return new QueryRequest(tableName, expressions, limit == null ? 0 : limit.intValue(), startKey,
                forward == null || forward, Boolean.TRUE.equals(request.bool("ConsistentRead")), select, legacyConditions,
                indexName);
    }

    @Override
    public PageResult call(DynamoService service, QueryRequest request) {
        return service.query(request);
    }

    @Override
    public ObjectNode render(PageResult page) {
        return PageJson.render(page);
    }
}

package io.atolldb.router.api;

import io.atolldb.model.expr.legacy.ParameterRules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;

import java.util.Map;

/** Scan: one page of a table's items in token order, optionally one segment of a parallel scan. */
final class ScanHandler implements OperationHandler<ScanRequest, PageResult> {
    static final int MAX_SEGMENTS = 1_000_000;

    @Override
    public ScanRequest parse(JsonFields request) {
        ParameterRules.check(ParameterRules.Operation.SCAN, new java.util.HashSet<>(request.names()));
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        String indexName = RequestRules.indexName(request, violations);
        Long limit = request.integer("Limit");
        if (limit != null) {
            violations.checkRange(limit, "limit", 1, Integer.MAX_VALUE);
        }
        Long segment = request.integer("Segment");
        Long totalSegments = request.integer("TotalSegments");
        if (segment != null) {
            violations.checkRange(segment, "segment", 0, MAX_SEGMENTS - 1);
        }
        if (totalSegments != null) {
            violations.checkRange(totalSegments, "totalSegments", 1, MAX_SEGMENTS);
        }
        Select select = violations.enumValue(request.string("Select"), "select", Select.class);
        RequestRules.checkReportingOptions(request, violations);
        violations.throwIfAny();

        if (segment != null && totalSegments == null) {
            throw DynamoException.validation("The TotalSegments parameter is required but was not present in the request "
                    + "when Segment parameter is present");
        }
        if (totalSegments != null && segment == null) {
            throw DynamoException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (segment != null && segment >= totalSegments) {
            throw DynamoException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
        }
        ReadExpressions expressions = ReadExpressions.usesLegacy(request) || request.has("ConditionalOperator")
                ? ReadExpressions.legacy(request, true) : ReadExpressions.parse(request, false, true);
        select = Pages.checkSelect(select, expressions, indexName != null);
        Map<String, AttributeValue> startKey = request.raw("ExclusiveStartKey") == null
                ? null : ItemJson.attributes(request, "ExclusiveStartKey");
        return new ScanRequest(tableName, limit == null ? 0 : limit.intValue(), startKey,
                segment == null ? 0 : segment.intValue(), totalSegments == null ? 1 : totalSegments.intValue(),
                Boolean.TRUE.equals(request.bool("ConsistentRead")), select, expressions, indexName);
    }

    @Override
    public PageResult call(DynamoService service, ScanRequest request) {
        return service.scan(request);
    }

    @Override
    public ObjectNode render(PageResult page) {
        return PageJson.render(page);
    }
}

package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** ListTables: one page of at most Limit (1..100, default 100) names after ExclusiveStartTableName. */
final class ListTablesHandler implements OperationHandler<ListTablesHandler.Page, ListTablesResult> {
    static final int MAX_LIMIT = 100;

    /** Which page to list: after {@code exclusiveStartTableName} (null = from the start), at most {@code limit} names. */
    record Page(String exclusiveStartTableName, int limit) {}

    @Override
    public Page parse(JsonFields request) {
        Violations violations = new Violations();
        String start = request.string("ExclusiveStartTableName");
        if (start != null) {
            RequestRules.checkTableName(start, "exclusiveStartTableName", violations);
        }
        Long limit = request.integer("Limit");
        if (limit != null) {
            violations.checkRange(limit, "limit", 1, MAX_LIMIT);
        }
        violations.throwIfAny();
        return new Page(start, limit == null ? MAX_LIMIT : limit.intValue());
    }

    @Override
    public ListTablesResult call(DynamoService service, Page page) {
        return service.listTables(page.exclusiveStartTableName(), page.limit());
    }

    @Override
    public ObjectNode render(ListTablesResult result) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        result.tableNames().forEach(out.putArray("TableNames")::add);
        if (result.lastEvaluatedTableName() != null) {
            out.put("LastEvaluatedTableName", result.lastEvaluatedTableName());
        }
        return out;
    }
}

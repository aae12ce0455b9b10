package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** DescribeTable: the request is just the table name; the answer is {"Table": TableDescription}. */
final class DescribeTableHandler implements OperationHandler<String, TableDescription> {
    private final TableDescriptionJson tables;

    DescribeTableHandler(TableDescriptionJson tables) {
        this.tables = tables;
    }

    @Override
    public String parse(JsonFields request) {
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        violations.throwIfAny();
        return tableName;
    }

    @Override
    public TableDescription call(DynamoService service, String tableName) {
        return service.describeTable(tableName);
    }

    @Override
    public ObjectNode render(TableDescription result) {
        return JsonNodeFactory.instance.objectNode().set("Table", tables.render(result));
    }
}

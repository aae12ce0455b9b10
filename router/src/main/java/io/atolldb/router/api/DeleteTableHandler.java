package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** DeleteTable: the request is just the table name; the answer is {"TableDescription": ...} of the table being deleted. */
final class DeleteTableHandler implements OperationHandler<String, TableDescription> {
    private final TableDescriptionJson tables;

    DeleteTableHandler(TableDescriptionJson tables) {
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
        return service.deleteTable(tableName);
    }

    @Override
    public ObjectNode render(TableDescription result) {
        return JsonNodeFactory.instance.objectNode().set("TableDescription", tables.render(result));
    }
}

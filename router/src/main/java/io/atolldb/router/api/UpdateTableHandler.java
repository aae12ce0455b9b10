package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** UpdateTable: billing mode and provisioned throughput. Indexes, streams and the rest are refused as not yet supported. */
final class UpdateTableHandler implements OperationHandler<UpdateTableRequest, TableDescription> {
    private final TableDescriptionJson tables;

    UpdateTableHandler(TableDescriptionJson tables) {
        this.tables = tables;
    }

    @Override
    public UpdateTableRequest parse(JsonFields request) {
        RequestRules.rejectUnsupported(request, "GlobalSecondaryIndexUpdates", "StreamSpecification", "SSESpecification",
                "ReplicaUpdates", "TableClass", "DeletionProtectionEnabled", "OnDemandThroughput", "AttributeDefinitions");
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        BillingMode billingMode = violations.enumValue(request.string("BillingMode"), "billingMode", BillingMode.class);
        ProvisionedThroughput throughput = CreateTableHandler.throughput(request.object("ProvisionedThroughput"), violations);
        violations.throwIfAny();
        if (billingMode == null && throughput == null) {
            throw DynamoException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        if (billingMode == BillingMode.PAY_PER_REQUEST && throughput != null) {
            throw DynamoException.invalidParameter(
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        return new UpdateTableRequest(tableName, billingMode, throughput);
    }

    @Override
    public TableDescription call(DynamoService service, UpdateTableRequest request) {
        return service.updateTable(request);
    }

    @Override
    public ObjectNode render(TableDescription table) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("TableDescription", tables.render(table));
        return out;
    }
}

package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DescribeLimits: the capacity limits a table and an account may provision. AtollDB records
 * provisioned throughput but does not enforce account quotas, so it answers DynamoDB's default quotas.
 */
final class DescribeLimitsHandler implements OperationHandler<Void, Void> {
    static final long ACCOUNT_MAX_UNITS = 80_000;
    static final long TABLE_MAX_UNITS = 40_000;

    @Override
    public Void parse(JsonFields request) {
        return null;
    }

    @Override
    public Void call(DynamoService service, Void request) {
        return null;
    }

    @Override
    public ObjectNode render(Void result) {
        return JsonNodeFactory.instance.objectNode()
                .put("AccountMaxReadCapacityUnits", ACCOUNT_MAX_UNITS)
                .put("AccountMaxWriteCapacityUnits", ACCOUNT_MAX_UNITS)
                .put("TableMaxReadCapacityUnits", TABLE_MAX_UNITS)
                .put("TableMaxWriteCapacityUnits", TABLE_MAX_UNITS);
    }
}

package io.atolldb.router.api;

import java.util.Objects;

/**
 * The capacity units one operation consumed on one table, as DynamoDB's ConsumedCapacity reports it
 * when the request asks (ReturnConsumedCapacity TOTAL or INDEXES). Read operations count read units,
 * write operations write units; none of the operations here consumes both (only transactions do, and
 * only for them does DynamoDB split the total into ReadCapacityUnits and WriteCapacityUnits).
 *
 * @param tableName     the table, as the request named it
 * @param capacityUnits the units consumed, a multiple of 0.5
 */
public record ConsumedCapacity(String tableName, double capacityUnits) {
    public ConsumedCapacity {
        Objects.requireNonNull(tableName, "tableName");
        if (capacityUnits < 0) {
            throw new IllegalArgumentException("capacityUnits must not be negative: " + capacityUnits);
        }
    }

    /** This plus {@code units} more on the same table (batches sum their items per table). */
    public ConsumedCapacity plus(double units) {
        return new ConsumedCapacity(tableName, capacityUnits + units);
    }
}

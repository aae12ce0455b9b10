package io.atolldb.router.api;

import java.util.Objects;

/**
 * The capacity units one operation consumed on one table, as DynamoDB's ConsumedCapacity reports it
 * when the request asks (ReturnConsumedCapacity TOTAL or INDEXES). Read operations count read units,
 * write operations write units; only transactions consume both, and only for them does DynamoDB split
 * the total into ReadCapacityUnits and WriteCapacityUnits ({@code transactional}).
 *
 * @param tableName     the table, as the request named it
 * @param capacityUnits the units consumed, a multiple of 0.5
 */
public record ConsumedCapacity(String tableName, double capacityUnits, boolean transactional,
                               double readCapacityUnits, double writeCapacityUnits) {
    public ConsumedCapacity {
        Objects.requireNonNull(tableName, "tableName");
        if (capacityUnits < 0) {
            throw new IllegalArgumentException("capacityUnits must not be negative: " + capacityUnits);
        }
    }

    public ConsumedCapacity(String tableName, double capacityUnits) {
        this(tableName, capacityUnits, false, 0, 0);
    }

    /**
     * A transaction's units on one table: DynamoDB reports the read and write units apart, besides
     * their sum, because a transaction can consume both (TransactWriteItems' ConditionCheck reads).
     */
    public static ConsumedCapacity transactional(String tableName, double readUnits, double writeUnits) {
        return new ConsumedCapacity(tableName, readUnits + writeUnits, true, readUnits, writeUnits);
    }

    /** This plus {@code units} more on the same table (batches sum their items per table). */
    public ConsumedCapacity plus(double units) {
        return new ConsumedCapacity(tableName, capacityUnits + units);
    }

    /** This plus another transactional entry of the same table. */
    public ConsumedCapacity plus(ConsumedCapacity other) {
        return transactional(tableName, readCapacityUnits + other.readCapacityUnits, writeCapacityUnits + other.writeCapacityUnits);
    }
}

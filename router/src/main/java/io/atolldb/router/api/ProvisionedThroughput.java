package io.atolldb.router.api;

/** Read and write capacity units of a PROVISIONED table; both at least 1 when a client sets them. */
public record ProvisionedThroughput(long readCapacityUnits, long writeCapacityUnits) {
    /** What DynamoDB reports for PAY_PER_REQUEST tables. */
    public static final ProvisionedThroughput NONE = new ProvisionedThroughput(0, 0);

    public ProvisionedThroughput {
        if (readCapacityUnits < 0 || writeCapacityUnits < 0) {
            throw new IllegalArgumentException("capacity units must not be negative");
        }
    }
}

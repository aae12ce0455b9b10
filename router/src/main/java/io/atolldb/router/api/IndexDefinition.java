package io.atolldb.router.api;

import io.atolldb.model.SecondaryIndex;
import java.util.Objects;

/**
 * A secondary index as CreateTable declares it and DescribeTable reports it: the index itself and,
 * for a global index of a PROVISIONED table, its provisioned throughput ({@link ProvisionedThroughput#NONE}
 * otherwise; local indexes share the table's).
 */
public record IndexDefinition(SecondaryIndex index, ProvisionedThroughput throughput) {
    public IndexDefinition {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(throughput, "throughput");
    }
}
